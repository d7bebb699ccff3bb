// Package auth hashes and checks staff passwords with argon2id.
package auth

import (
	"crypto/rand"
	"crypto/subtle"
	"encoding/base64"
	"errors"
	"fmt"
	"strings"
	"sync/atomic"

	"golang.org/x/crypto/argon2"
)

// The OWASP Password Storage Cheat Sheet's argon2id parameters: 19 MiB of
// memory, two passes, one degree of parallelism.
const (
	memoryKiB   = 19 * 1024
	iterations  = 2
	parallelism = 1
	saltLength  = 16
	keyLength   = 32
)

// MinPasswordLength is the shortest password a staff account may have.
const MinPasswordLength = 12

// ErrMismatch is returned when a password does not match its hash.
var ErrMismatch = errors.New("password does not match")

// HashPassword returns an encoded argon2id hash of the password, with its
// parameters and a random salt, in the usual $argon2id$ form.
func HashPassword(password string) (string, error) {
	salt := make([]byte, saltLength)
	if _, err := rand.Read(salt); err != nil {
		return "", fmt.Errorf("read salt: %w", err)
	}
	key := argon2.IDKey([]byte(password), salt, iterations, memoryKiB, parallelism, keyLength)
	return fmt.Sprintf("$argon2id$v=%d$m=%d,t=%d,p=%d$%s$%s", argon2.Version, memoryKiB, iterations, parallelism,
		base64.RawStdEncoding.EncodeToString(salt), base64.RawStdEncoding.EncodeToString(key)), nil
}

// checks counts the argon2id computations made to check passwords.
var checks atomic.Int64

// Checks returns how many password checks this process has computed, real
// or dummy; metrics and tests read it.
func Checks() int64 { return checks.Load() }

// CheckPassword reports whether password matches the encoded hash, using the
// parameters stored in the hash and a constant-time comparison.
func CheckPassword(encoded, password string) error {
	parts := strings.Split(encoded, "$")
	if len(parts) != 6 || parts[1] != "argon2id" {
		return errors.New("check password: not an argon2id hash")
	}
	var version int
	if _, err := fmt.Sscanf(parts[2], "v=%d", &version); err != nil || version != argon2.Version {
		return errors.New("check password: unsupported argon2 version")
	}
	var m, t uint32
	var p uint8
	if _, err := fmt.Sscanf(parts[3], "m=%d,t=%d,p=%d", &m, &t, &p); err != nil {
		return fmt.Errorf("check password: read parameters: %w", err)
	}
	salt, err := base64.RawStdEncoding.DecodeString(parts[4])
	if err != nil {
		return fmt.Errorf("check password: read salt: %w", err)
	}
	want, err := base64.RawStdEncoding.DecodeString(parts[5])
	if err != nil {
		return fmt.Errorf("check password: read key: %w", err)
	}
	checks.Add(1)
	got := argon2.IDKey([]byte(password), salt, t, m, p, uint32(len(want)))
	if subtle.ConstantTimeCompare(got, want) != 1 {
		return ErrMismatch
	}
	return nil
}

// dummyHash is checked against when an email is unknown, so that a login
// takes as long whether or not the account exists.
var dummyHash, _ = HashPassword("not a real password, only for timing")

// CheckNothing spends the time a real password check takes.
func CheckNothing(password string) {
	_ = CheckPassword(dummyHash, password)
}
