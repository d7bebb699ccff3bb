package server

import (
	"encoding/json"
	"fmt"

	"github.com/wessex-network/directory/internal/directory"
)

// serviceVersions reads the service before and after an audited change, as fields.
func serviceVersions(e directory.AuditEntry) (before, after []directory.FieldValue, err error) {
	decode := func(raw string) ([]directory.FieldValue, error) {
		if raw == "" {
			return nil, nil
		}
		var s directory.Service
		if err := json.Unmarshal([]byte(raw), &s); err != nil {
			return nil, fmt.Errorf("read version in change %d: %w", e.ID, err)
		}
		return s.Fields(), nil
	}
	if before, err = decode(e.Before); err != nil {
		return nil, nil, err
	}
	after, err = decode(e.After)
	return before, after, err
}

// cellVersions reads a coverage cell before and after an audited change, as fields.
func cellVersions(e directory.AuditEntry) (before, after []directory.FieldValue, err error) {
	decode := func(raw string) ([]directory.FieldValue, error) {
		if raw == "" {
			return nil, nil
		}
		var c directory.CoverageCell
		if err := json.Unmarshal([]byte(raw), &c); err != nil {
			return nil, fmt.Errorf("read cell in change %d: %w", e.ID, err)
		}
		return c.Fields(), nil
	}
	if before, err = decode(e.Before); err != nil {
		return nil, nil, err
	}
	after, err = decode(e.After)
	return before, after, err
}
