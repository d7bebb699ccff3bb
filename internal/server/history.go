package server

import (
	"encoding/json"
	"fmt"

	"github.com/wessex-network/directory/internal/directory"
)

// record is anything the audit log keeps a snapshot of and can show as fields.
type record interface {
	Fields() []directory.FieldValue
}

// versions reads the record before and after an audited change, as fields.
// T is the record's type, such as directory.Service.
func versions[T record](e directory.AuditEntry) (before, after []directory.FieldValue, err error) {
	decode := func(raw string) ([]directory.FieldValue, error) {
		if raw == "" {
			return nil, nil
		}
		var v T
		if err := json.Unmarshal([]byte(raw), &v); err != nil {
			return nil, fmt.Errorf("read the version saved in change %d: %w", e.ID, err)
		}
		return v.Fields(), nil
	}
	if before, err = decode(e.Before); err != nil {
		return nil, nil, err
	}
	after, err = decode(e.After)
	return before, after, err
}
