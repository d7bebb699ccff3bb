package server

import (
	"context"
	"errors"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/go-chi/httprate"

	"github.com/wessex-network/directory/internal/auth"
	"github.com/wessex-network/directory/internal/directory"
	"github.com/wessex-network/directory/web"
)

type contextKey string

const userKey contextKey = "user"

const sessionUserID = "user_id"

// currentUser returns the logged-in staff member, if any.
func currentUser(ctx context.Context) (directory.User, bool) {
	u, ok := ctx.Value(userKey).(directory.User)
	return u, ok
}

// actor names the logged-in staff member for the audit log.
func actor(r *http.Request) directory.Actor {
	u, _ := currentUser(r.Context())
	return directory.Actor{UserID: u.ID, Name: u.Name}
}

// requireStaff lets through only requests from a logged-in, active account,
// and sends everyone else to the login page.
func (s *Server) requireStaff(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		id := s.sessions.GetInt64(r.Context(), sessionUserID)
		if id != 0 {
			u, err := s.db.User(r.Context(), id)
			if err == nil && !u.Disabled {
				next.ServeHTTP(w, r.WithContext(context.WithValue(r.Context(), userKey, u)))
				return
			}
			if err != nil && directory.ErrorCode(err) != directory.ENOTFOUND {
				s.serverError(w, r, err)
				return
			}
			if err := s.sessions.Destroy(r.Context()); err != nil {
				s.serverError(w, r, err)
				return
			}
		}
		target := "/staff/login"
		if r.Method == http.MethodGet && r.URL.Path != "/staff/login" {
			target += "?next=" + url.QueryEscape(r.URL.RequestURI())
		}
		http.Redirect(w, r, target, http.StatusSeeOther)
	})
}

// requireAdmin refuses editors: only admins may manage accounts, service
// types and areas.
func (s *Server) requireAdmin(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if u, ok := currentUser(r.Context()); !ok || u.Role != directory.RoleAdmin {
			s.forbidden(w, r, "Only an admin can do this.")
			return
		}
		next.ServeHTTP(w, r)
	})
}

// requireEditor lets through only the network's own staff, admins and
// editors, who change the directory directly. A provider gets the 403 page:
// providers propose changes from their own pages, and staff make them.
func (s *Server) requireEditor(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if u, ok := currentUser(r.Context()); !ok || !u.Role.Staff() {
			s.forbidden(w, r, "A provider account cannot do this. Propose a change to your services from your home page, and staff will make it.")
			return
		}
		next.ServeHTTP(w, r)
	})
}

// requireProvider lets through only provider accounts, to the pages where
// they propose changes; staff change services directly.
func (s *Server) requireProvider(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if u, ok := currentUser(r.Context()); !ok || u.Role != directory.RoleProvider {
			s.forbidden(w, r, "Only a provider account proposes changes. Staff edit services directly.")
			return
		}
		next.ServeHTTP(w, r)
	})
}

// limitLogins throttles login attempts by address and by email.
func (s *Server) limitLogins(next http.Handler) http.Handler {
	return httprate.Limit(s.loginLimit, time.Minute,
		httprate.WithKeyFuncs(httprate.KeyByIP, func(r *http.Request) (string, error) {
			return strings.ToLower(strings.TrimSpace(r.PostFormValue("email"))), nil
		}),
		httprate.WithLimitHandler(func(w http.ResponseWriter, r *http.Request) {
			s.render(w, r, http.StatusTooManyRequests, web.ErrorPage(web.ErrorView{
				Status: http.StatusTooManyRequests, Title: "Too many attempts to log in",
				Message: "Wait a minute, then try again.",
			}))
		}),
	)(next)
}

// safeNext returns the page to go to after logging in: a staff path on this
// site, never another site.
func safeNext(next string) string {
	if strings.HasPrefix(next, "/staff") && !strings.HasPrefix(next, "//") && !strings.Contains(next, "\\") {
		return next
	}
	return "/staff"
}

func (s *Server) loginPage(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	s.render(w, r, http.StatusOK, web.LoginPage(web.LoginView{Next: safeNext(q.Get("next")), LoggedOut: q.Get("logged_out") == "1"}))
}

// login checks the email and password and starts a session. Every failure
// gets the same message, whether or not the email has an account.
func (s *Server) login(w http.ResponseWriter, r *http.Request) {
	email, password := strings.TrimSpace(r.PostFormValue("email")), r.PostFormValue("password")
	next := safeNext(r.PostFormValue("next"))
	var missing directory.FieldErrors
	if email == "" {
		missing.Add("email", "Enter your email address")
	}
	if password == "" {
		missing.Add("password", "Enter your password")
	}
	if len(missing) > 0 {
		s.render(w, r, http.StatusUnprocessableEntity, web.LoginPage(web.LoginView{Email: email, Next: next, Errors: missing}))
		return
	}
	user, hash, err := s.db.UserByEmail(r.Context(), email)
	switch {
	case err == nil && !user.Disabled:
		err = auth.CheckPassword(hash, password)
	case err == nil:
		auth.CheckNothing(password)
		err = auth.ErrMismatch
	case directory.ErrorCode(err) == directory.ENOTFOUND:
		auth.CheckNothing(password)
		err = auth.ErrMismatch
	}
	if errors.Is(err, auth.ErrMismatch) {
		s.log.Info("login refused", "email", email)
		s.render(w, r, http.StatusUnauthorized, web.LoginPage(web.LoginView{Email: email, Next: next, Failed: true}))
		return
	}
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	if err := s.sessions.RenewToken(r.Context()); err != nil {
		s.serverError(w, r, err)
		return
	}
	s.sessions.Put(r.Context(), sessionUserID, user.ID)
	s.log.Info("logged in", "user", user.Email)
	http.Redirect(w, r, next, http.StatusSeeOther)
}

// logout ends the session on the server.
func (s *Server) logout(w http.ResponseWriter, r *http.Request) {
	if err := s.sessions.Destroy(r.Context()); err != nil {
		s.serverError(w, r, err)
		return
	}
	http.Redirect(w, r, "/staff/login?logged_out=1", http.StatusSeeOther)
}

// forbidden renders the 403 page.
func (s *Server) forbidden(w http.ResponseWriter, r *http.Request, message string) {
	s.render(w, r, http.StatusForbidden, web.ErrorPage(web.ErrorView{
		Status: http.StatusForbidden, Title: "You cannot do this", Message: message,
	}))
}

// crossOriginProtection refuses a non-GET request sent from another site.
func (s *Server) crossOriginProtection(next http.Handler) http.Handler {
	cop := http.NewCrossOriginProtection()
	cop.SetDenyHandler(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.forbidden(w, r, "This request came from another website, so it was refused.")
	}))
	return cop.Handler(next)
}

// limitBodies caps the size of request bodies: n for forms, and upload for
// the staff import pages, which take whole feeds.
func limitBodies(n, upload int64) func(http.Handler) http.Handler {
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			limit := n
			if strings.HasPrefix(r.URL.Path, "/staff/import/") {
				limit = upload
			}
			r.Body = http.MaxBytesReader(w, r.Body, limit)
			next.ServeHTTP(w, r)
		})
	}
}

// parseForms reads a POST's form once, before the handler: a body over the
// size limit gets 413, and a form that is malformed or not valid UTF-8 gets
// 400. Either way nothing is written.
func (s *Server) parseForms(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodPost {
			next.ServeHTTP(w, r)
			return
		}
		if err := r.ParseForm(); err != nil {
			var tooBig *http.MaxBytesError
			if errors.As(err, &tooBig) {
				s.render(w, r, http.StatusRequestEntityTooLarge, web.ErrorPage(web.ErrorView{
					Status: http.StatusRequestEntityTooLarge, Title: "What you sent is too large",
					Message: "Nothing was saved. Shorten the text and try again.",
				}))
				return
			}
			s.badRequest(w, r, "The form could not be read. Nothing was saved.")
			return
		}
		for name, values := range r.PostForm {
			if !validText(name) {
				s.badRequest(w, r, "The form contains characters that are not valid text. Nothing was saved.")
				return
			}
			for _, v := range values {
				if !validText(v) {
					s.badRequest(w, r, "The form contains characters that are not valid text. Nothing was saved.")
					return
				}
			}
		}
		next.ServeHTTP(w, r)
	})
}

// badRequest renders the 400 page.
func (s *Server) badRequest(w http.ResponseWriter, r *http.Request, message string) {
	s.render(w, r, http.StatusBadRequest, web.ErrorPage(web.ErrorView{
		Status: http.StatusBadRequest, Title: "There is a problem", Message: message,
	}))
}
