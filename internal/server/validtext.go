package server

import (
	"net/http"
	"net/url"
	"strings"
	"unicode/utf8"
)

// validText reports whether s is text a store can keep and search: valid
// UTF-8 without a NUL byte. SQLite would store a NUL; PostgreSQL refuses one,
// so it is refused here, the same on both engines, before any query.
func validText(s string) bool {
	return utf8.ValidString(s) && !strings.ContainsRune(s, 0)
}

// validAddress reports whether a request's path and query are valid text.
// Only a query with a percent escape can hide bytes that are not.
func validAddress(u *url.URL) bool {
	if !validText(u.Path) {
		return false
	}
	if !strings.Contains(u.RawQuery, "%") {
		return validText(u.RawQuery)
	}
	q, err := url.QueryUnescape(strings.ReplaceAll(u.RawQuery, "+", " "))
	return err != nil || validText(q) // a malformed escape is the handler's to refuse
}

// refuseInvalidAddresses answers 400 for a request whose address is not
// valid text, so that no handler passes such bytes to the store.
func (s *Server) refuseInvalidAddresses(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !validAddress(r.URL) {
			s.badRequest(w, r, "The address contains characters that are not valid text.")
			return
		}
		next.ServeHTTP(w, r)
	})
}
