// Package oruk speaks Open Referral UK 3.0: it publishes the directory's
// services, organisations, vocabularies and areas in the standard's shapes,
// pages lists the way the standard asks, describes the API, and reads feeds
// that other directories publish so that they can be imported.
//
// It knows the directory's domain types but neither HTTP routing nor SQL.
package oruk
