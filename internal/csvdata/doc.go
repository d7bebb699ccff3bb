// Package csvdata writes the directory's tables as CSV (services, the
// coverage matrix, the indicators) and reads services back from CSV for an
// import. Every exported cell that a spreadsheet would run as a formula is
// neutralised.
package csvdata
