// Package repocheck holds tests of the repository itself rather than of the
// directory: that it stands on its own, with no tracked file (other than
// documentation) referring to a folder beside it, and that the lint check
// for tracked binaries and large files catches them. It has no code of its
// own.
package repocheck
