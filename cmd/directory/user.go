package main

import (
	"bufio"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
	"text/tabwriter"

	"golang.org/x/term"

	"github.com/wessex-network/directory/internal/auth"
	"github.com/wessex-network/directory/internal/directory"
)

const userUsage = `Usage:
  directory user add -email EMAIL -name NAME -role admin|editor   (reads the password from standard input, or asks for it)
  directory user add -email EMAIL -name NAME -role provider -organisation SLUG[,SLUG...] [-organisation SLUG...]
  directory user list
  directory user disable -email EMAIL
  directory user enable -email EMAIL
`

// cliActor is who the audit log says made a change from the command line.
var cliActor = directory.Actor{Name: "command line"}

// userCommand manages staff accounts. stdin supplies the password when it is
// not a terminal; on a terminal the password is asked for without echo.
func userCommand(ctx context.Context, args []string, stdin io.Reader, stdout io.Writer) error {
	if len(args) == 0 {
		fmt.Fprint(stdout, userUsage)
		return errors.New("user: say add, list, disable or enable")
	}
	fl := flag.NewFlagSet("user "+args[0], flag.ContinueOnError)
	store := addStoreFlags(fl)
	email := fl.String("email", "", "the account's email address")
	name := fl.String("name", "", "the person's name")
	role := fl.String("role", "editor", "admin, editor or provider")
	var organisations []string
	fl.Func("organisation", "a provider's organisation, by slug (repeat it, or separate slugs with commas)", func(v string) error {
		organisations = append(organisations, strings.Split(v, ",")...)
		return nil
	})
	if err := fl.Parse(args[1:]); err != nil {
		return err
	}
	db, err := store.open(ctx)
	if err != nil {
		return err
	}
	defer db.Close()

	switch args[0] {
	case "add":
		password, err := readPassword(stdin, stdout)
		if err != nil {
			return err
		}
		nu := directory.NewUser{Email: strings.TrimSpace(*email), Name: strings.TrimSpace(*name), Role: directory.Role(*role), Password: password,
			Organisations: directory.TidyOrganisations(organisations)}
		if errs := nu.Validate(auth.MinPasswordLength); len(errs) > 0 {
			return errs.Err()
		}
		hash, err := auth.HashPassword(password)
		if err != nil {
			return err
		}
		u, err := db.CreateUser(ctx, cliActor, directory.User{Email: nu.Email, Name: nu.Name, Role: nu.Role, Organisations: nu.Organisations}, hash)
		if err != nil {
			return err
		}
		if len(u.Organisations) > 0 {
			fmt.Fprintf(stdout, "Added %s <%s> as %s for %s.\n", u.Name, u.Email, u.Role, strings.Join(u.Organisations, ", "))
		} else {
			fmt.Fprintf(stdout, "Added %s <%s> as %s.\n", u.Name, u.Email, u.Role)
		}
	case "list":
		users, err := db.Users(ctx)
		if err != nil {
			return err
		}
		tw := tabwriter.NewWriter(stdout, 0, 4, 2, ' ', 0)
		fmt.Fprintln(tw, "EMAIL\tNAME\tROLE\tSTATUS\tORGANISATIONS")
		for _, u := range users {
			status := "active"
			if u.Disabled {
				status = "disabled"
			}
			fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\n", u.Email, u.Name, u.Role, status, strings.Join(u.Organisations, ","))
		}
		return tw.Flush()
	case "disable":
		u, _, err := db.UserByEmail(ctx, *email)
		if err != nil {
			return err
		}
		if _, err := db.DisableUser(ctx, cliActor, u.ID); err != nil {
			return err
		}
		fmt.Fprintf(stdout, "Disabled %s <%s>.\n", u.Name, u.Email)
	case "enable":
		u, _, err := db.UserByEmail(ctx, *email)
		if err != nil {
			return err
		}
		if _, err := db.EnableUser(ctx, cliActor, u.ID); err != nil {
			return err
		}
		fmt.Fprintf(stdout, "Enabled %s <%s>.\n", u.Name, u.Email)
	default:
		fmt.Fprint(stdout, userUsage)
		return fmt.Errorf("user: unknown action %q", args[0])
	}
	return nil
}

// readPassword asks for a password without echo on a terminal, or reads the
// first line of standard input otherwise.
func readPassword(stdin io.Reader, stdout io.Writer) (string, error) {
	if f, ok := stdin.(*os.File); ok && term.IsTerminal(int(f.Fd())) {
		fmt.Fprint(stdout, "Password: ")
		b, err := term.ReadPassword(int(f.Fd()))
		fmt.Fprintln(stdout)
		if err != nil {
			return "", fmt.Errorf("read password: %w", err)
		}
		return string(b), nil
	}
	line, err := bufio.NewReader(stdin).ReadString('\n')
	if err != nil && err != io.EOF {
		return "", fmt.Errorf("read password from standard input: %w", err)
	}
	return strings.TrimRight(line, "\r\n"), nil
}
