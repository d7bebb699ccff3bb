package oruk_test

import (
	"context"
	"testing"

	"github.com/wessex-network/directory/internal/oruk"
	"github.com/wessex-network/directory/internal/oruk/oruktest"
)

// FuzzReadFeed swaps one document of the project's valid feed for any bytes:
// reading the feed must give a report or an error, never panic, and a report
// that is not OK must name its problems.
func FuzzReadFeed(f *testing.F) {
	schemas := oruktest.Schemas()
	base := oruktest.Files(f, oruktest.Valid)
	names := []string{"service_list.json", "service_full.json", "organization_list.json", "taxonomy_term_list.json", "api_details.json",
		"service_list_2.json", "service.json", "organization_full.json"}
	for i, name := range names {
		if base[name] == nil {
			f.Fatalf("the valid feed has no %s", name)
		}
		f.Add(uint8(i), base[name])
	}
	f.Add(uint8(0), []byte(`{"contents":[{"id":"not-a-uuid","name":"<script>"}],"total_pages":99999}`))
	f.Add(uint8(1), []byte(`{"id":"3fa85f64-5717-4562-b3fc-2c963f66afa6","name":null}`))
	f.Add(uint8(2), []byte(`[`))
	f.Fuzz(func(t *testing.T, which uint8, doc []byte) {
		files := make(map[string][]byte, len(base))
		for k, v := range base {
			files[k] = v
		}
		files[names[int(which)%len(names)]] = doc
		_, report, err := oruk.ReadFeed(context.Background(), oruk.NewFilesSource("fuzz", files), schemas)
		if err != nil {
			return
		}
		if report == nil {
			t.Fatal("no report and no error")
		}
		if !report.OK() && len(report.Problems) == 0 {
			t.Error("a refused feed lists no problem")
		}
	})
}
