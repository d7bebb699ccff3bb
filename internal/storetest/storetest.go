// Package storetest is the store's conformance suite: the same cases, run
// against every engine that implements directory.Store, so that SQLite and
// PostgreSQL keep one behaviour. An engine's tests call Run with a function
// that opens a fresh, migrated, empty store of that engine.
package storetest

import (
	"context"
	"testing"

	"github.com/wessex-network/directory/internal/directory"
	"github.com/wessex-network/directory/internal/seed"
	"github.com/wessex-network/directory/seeds"
)

// Opener gives a test a new, migrated store of its own holding nothing,
// closed when the test ends.
type Opener func(testing.TB) directory.Store

// seeded opens a new store and loads the built-in Wessex dataset into it.
func seeded(tb testing.TB, open Opener) directory.Store {
	tb.Helper()
	s := open(tb)
	if _, err := s.Load(context.Background(), dataset(tb)); err != nil {
		tb.Fatalf("load the Wessex dataset: %v", err)
	}
	return s
}

// dataset parses the built-in Wessex dataset.
func dataset(tb testing.TB) *directory.Dataset {
	tb.Helper()
	ds, err := seed.Parse(seeds.Wessex())
	if err != nil {
		tb.Fatalf("parse the Wessex dataset: %v", err)
	}
	return ds
}

// contentVersion reads the store's content version, failing the test if it
// cannot.
func contentVersion(tb testing.TB, s directory.Store) uint64 {
	tb.Helper()
	v, err := s.ContentVersion(context.Background())
	if err != nil {
		tb.Fatal(err)
	}
	return v
}

// cases are every case of the suite, by name.
var cases = []struct {
	name string
	run  func(*testing.T, Opener)
}{
	{"LoadIsIdempotent", testLoadIsIdempotent},
	{"TwentyEditorsSaveOneVersionOnce", testTwentyEditorsSaveOneVersionOnce},
	{"ImportIsAllOrNothing", testImportIsAllOrNothing},
	{"SessionsLiveUntilTheyExpire", testSessionsLiveUntilTheyExpire},
	{"StaffAccounts", testStaffAccounts},
	{"AdminsDisablingEachOtherAtOnceLeaveOne", testAdminsDisablingEachOtherAtOnceLeaveOne},
	{"OneAccountForAnEmailCreatedAtOnce", testOneAccountForAnEmailCreatedAtOnce},
	{"PublicWritesMoveTheContentVersion", testPublicWritesMoveTheContentVersion},
	{"LoadInvalidDatasetWritesNothing", testLoadInvalidDatasetWritesNothing},
	{"ActionsOnGaps", testActionsOnGaps},
	{"CeremonialCounty", testCeremonialCounty},
	{"MatrixPicksLatestCellAsOf", testMatrixPicksLatestCellAsOf},
	{"MatrixOfIsPartOfTheMatrix", testMatrixOfIsPartOfTheMatrix},
	{"ConcurrentRatingsOfOneCellSaveOnce", testConcurrentRatingsOfOneCellSaveOnce},
	{"DemandAddsUpAndLeavesTheContentVersionAlone", testDemandAddsUpAndLeavesTheContentVersionAlone},
	{"DemandRecordIsAllOrNothing", testDemandRecordIsAllOrNothing},
	{"FidelityCoverageMatrix", testFidelityCoverageMatrix},
	{"FidelityIndicators", testFidelityIndicators},
	{"MatrixAsOfShowsHistory", testMatrixAsOfShowsHistory},
	{"ReviewDueIsSixMonthsUnlessSet", testReviewDueIsSixMonthsUnlessSet},
	{"ServiceCardsAreTheServicesInBrief", testServiceCardsAreTheServicesInBrief},
	{"SearchServiceCardsFindWhatSearchServicesFinds", testSearchServiceCardsFindWhatSearchServicesFinds},
	{"ServicesPageCutsPagesInTheListsOrder", testServicesPageCutsPagesInTheListsOrder},
	{"ServicesPageModifiedAfterPartWayThroughASecond", testServicesPageModifiedAfterPartWayThroughASecond},
	{"InterventionNamesAreThoseActiveServicesOffer", testInterventionNamesAreThoseActiveServicesOffer},
	{"ConcurrentCreatesOfOneSlugAddOneService", testConcurrentCreatesOfOneSlugAddOneService},
	{"ConcurrentImportsAndEditsOfOneService", testConcurrentImportsAndEditsOfOneService},
	{"ServicesPageFiltersByEachTermAlongsideTheOthers", testServicesPageFiltersByEachTermAlongsideTheOthers},
	{"LoadTiles", testLoadTiles},
	{"LoadRefusesATileForAnUnknownArea", testLoadRefusesATileForAnUnknownArea},
	{"SearchFilters", testSearchFilters},
	{"SearchRanksByBM25", testSearchRanksByBM25},
	{"GazetteerLoads", testGazetteerLoads},
	{"CreateServiceTypeGoesLastAndIsAudited", testCreateServiceTypeGoesLastAndIsAudited},
	{"UpdateServiceTypeRefusesAStaleVersion", testUpdateServiceTypeRefusesAStaleVersion},
	{"CreateAndUpdateArea", testCreateAndUpdateArea},
	{"AreaValidation", testAreaValidation},
	{"ConcurrentParentEditsMakeNoLoop", testConcurrentParentEditsMakeNoLoop},
	{"RatingAnUnratedCellFromAStaleFormIsAConflict", testRatingAnUnratedCellFromAStaleFormIsAConflict},
	{"ConcurrentServiceTypeEditsFromOneVersion", testConcurrentServiceTypeEditsFromOneVersion},
	{"RestoreServiceType", testRestoreServiceType},
	{"RestoreArea", testRestoreArea},
	{"SuggestionsAreListedOldestFirstAndClosedWithANote", testSuggestionsAreListedOldestFirstAndClosedWithANote},
	{"SuggestionValidation", testSuggestionValidation},
	{"SuggestionsLeaveTheContentVersionAlone", testSuggestionsLeaveTheContentVersionAlone},
	{"ForgetOldEmailsBlanksOnlyThoseClosedBefore", testForgetOldEmailsBlanksOnlyThoseClosedBefore},
	{"ImportHoldsServicesInNoAreaOfTheDirectory", testImportHoldsServicesInNoAreaOfTheDirectory},
	{"HeldServicePublishedByAnEditStaysLive", testHeldServicePublishedByAnEditStaysLive},
	{"FeedsAreRegisteredEditedAndRun", testFeedsAreRegisteredEditedAndRun},
	{"ServiceNotesAreKeptNewestFirstAndAudited", testServiceNotesAreKeptNewestFirstAndAudited},
	{"WatchersHearOfOthersChangesSinceTheirLastDigest", testWatchersHearOfOthersChangesSinceTheirLastDigest},
	{"AServicesLifeFromScheduledToEnded", testAServicesLifeFromScheduledToEnded},
	{"ReviewOwnersAndRemindersClaimedOnce", testReviewOwnersAndRemindersClaimedOnce},
	{"OutboxKeepsEveryMessage", testOutboxKeepsEveryMessage},
	{"OutboxRefusesAMessageItCannotSend", testOutboxRefusesAMessageItCannotSend},
	{"OutboxLeavesTheContentVersionAlone", testOutboxLeavesTheContentVersionAlone},
	{"ProposalsAreCheckedAndChangeNoPublicPage", testProposalsAreCheckedAndChangeNoPublicPage},
	{"ApprovingAProposalAppliesItWithTheVersionCheck", testApprovingAProposalAppliesItWithTheVersionCheck},
	{"RejectingAProposalNeedsAReason", testRejectingAProposalNeedsAReason},
	{"ProviderAccountsAreTiedToOrganisations", testProviderAccountsAreTiedToOrganisations},
}

// Run runs every case of the suite, each as a subtest with a store of its
// own from open.
func Run(t *testing.T, open Opener) {
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) { c.run(t, open) })
	}
}
