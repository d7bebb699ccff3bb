// Package storetest holds the tests that hold the directory's two engines,
// internal/sqlite and internal/postgres, to the same schema and behaviour.
package storetest
