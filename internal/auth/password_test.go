package auth

import (
	"strings"
	"testing"
)

func TestHashAndCheck(t *testing.T) {
	hash, err := HashPassword("correct horse battery staple")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(hash, "$argon2id$v=19$m=19456,t=2,p=1$") {
		t.Errorf("hash %q does not use the OWASP parameters", hash)
	}
	if err := CheckPassword(hash, "correct horse battery staple"); err != nil {
		t.Errorf("right password refused: %v", err)
	}
	if err := CheckPassword(hash, "Correct horse battery staple"); err != ErrMismatch {
		t.Errorf("wrong password gave %v, want ErrMismatch", err)
	}
	again, _ := HashPassword("correct horse battery staple")
	if again == hash {
		t.Error("two hashes of one password are equal: the salt is not random")
	}
	if err := CheckPassword("$2a$10$notargon", "x"); err == nil || err == ErrMismatch {
		t.Errorf("a foreign hash gave %v", err)
	}
}
