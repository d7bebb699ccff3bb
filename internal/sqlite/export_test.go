package sqlite

// SetListBatch lets a test make the detail-query batches small, so that a
// few hundred services span several batches; it returns the old size.
func SetListBatch(n int) int {
	old := maxListBatch
	maxListBatch = n
	return old
}
