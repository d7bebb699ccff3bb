package directory_test

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/wessex-network/directory/internal/directory"
)

func TestRatingsAreWrittenInWords(t *testing.T) {
	for _, r := range directory.Ratings {
		if !r.Valid() {
			t.Errorf("%q is listed but not valid", r)
		}
		if !strings.Contains(r.Label(), r.Short()) || r.Meaning() == "" {
			t.Errorf("%q: label %q, short %q, meaning %q", r, r.Label(), r.Short(), r.Meaning())
		}
	}
	if directory.Rating("purple").Valid() {
		t.Error("an unknown rating is valid")
	}
}

func TestErrorCodes(t *testing.T) {
	err := fmt.Errorf("load: %w", directory.Errorf(directory.ENOTFOUND, "There is no area %q.", "x"))
	if got := directory.ErrorCode(err); got != directory.ENOTFOUND {
		t.Errorf("code %q, want not_found", got)
	}
	if got := directory.ErrorMessage(err); got != `There is no area "x".` {
		t.Errorf("message %q", got)
	}
	plain := errors.New("disk I/O error at /var/lib/secret")
	if directory.ErrorCode(plain) != directory.EINTERNAL || strings.Contains(directory.ErrorMessage(plain), "secret") {
		t.Error("an internal error's details would reach the page")
	}
	if directory.ErrorCode(nil) != "" {
		t.Error("nil has a code")
	}
}

func TestAreaCurrent(t *testing.T) {
	dorset := directory.Area{Slug: "dorset", ValidTo: "2019-03-31"}
	bcp := directory.Area{Slug: "bcp", ValidFrom: "2019-04-01"}
	if !dorset.Current("2019-03-31") || dorset.Current("2019-04-01") {
		t.Error("Dorset county should end on 31 March 2019")
	}
	if bcp.Current("2019-03-31") || !bcp.Current("2019-04-01") {
		t.Error("BCP should begin on 1 April 2019")
	}
}
