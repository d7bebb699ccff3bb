// Package directory holds the domain of the parent-infant services directory:
// areas, service types, organisations, services, coverage ratings, need
// indicators, the glossary and the references. It knows nothing of HTTP or SQL;
// the sqlite and server packages depend on it, never the other way round.
package directory
