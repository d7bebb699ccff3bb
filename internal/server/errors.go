package server

import (
	"net/http"

	"github.com/wessex-network/directory/internal/directory"
	"github.com/wessex-network/directory/web"
)

// statusFor maps a domain error code to an HTTP status.
func statusFor(code string) int {
	switch code {
	case directory.ENOTFOUND:
		return http.StatusNotFound
	case directory.EINVALID:
		return http.StatusBadRequest
	case directory.ECONFLICT:
		return http.StatusConflict
	case directory.EFORBIDDEN:
		return http.StatusForbidden
	}
	return http.StatusInternalServerError
}

// fail renders the error page for err, with the status its code calls for.
// Only internal errors are logged; their details never reach the page.
func (s *Server) fail(w http.ResponseWriter, r *http.Request, err error) {
	code := directory.ErrorCode(err)
	status := statusFor(code)
	if status == http.StatusInternalServerError {
		s.serverError(w, r, err)
		return
	}
	title := "Page not found"
	if status != http.StatusNotFound {
		title = "There is a problem"
	}
	s.render(w, r, status, web.ErrorPage(web.ErrorView{Status: status, Title: title, Message: directory.ErrorMessage(err)}))
}

// serverError logs an internal error and renders the 500 page.
func (s *Server) serverError(w http.ResponseWriter, r *http.Request, err error) {
	s.log.Error("internal error", "method", r.Method, "path", r.URL.Path, "error", err)
	s.render(w, r, http.StatusInternalServerError, web.ErrorPage(web.ErrorView{
		Status:  http.StatusInternalServerError,
		Title:   "Sorry, there is a problem with the service",
		Message: "Something went wrong on our side. Try again later.",
	}))
}

func (s *Server) notFound(w http.ResponseWriter, r *http.Request) {
	s.render(w, r, http.StatusNotFound, web.ErrorPage(web.ErrorView{
		Status:  http.StatusNotFound,
		Title:   "Page not found",
		Message: "If you typed the web address, check it is correct. If you pasted it, check you copied the whole address.",
	}))
}

func (s *Server) methodNotAllowed(w http.ResponseWriter, r *http.Request) {
	s.render(w, r, http.StatusMethodNotAllowed, web.ErrorPage(web.ErrorView{
		Status:  http.StatusMethodNotAllowed,
		Title:   "There is a problem",
		Message: "This page cannot be used that way.",
	}))
}
