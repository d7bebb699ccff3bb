package oruk

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"sort"
	"strings"
	"sync"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/wessex-network/directory/internal/oruk/spec"
)

// Problem is one way a document breaks the standard: where in it (a JSON
// pointer, "" for the whole document) and what is wrong.
type Problem struct {
	Where   string
	Message string
}

// Schemas checks documents against the standard's JSON schemas, read from a
// folder that holds NAME.json for each schema. The schemas refer to each other
// by their published addresses; each is read from the folder instead, so
// nothing is fetched from the network.
type Schemas struct {
	mu       sync.Mutex
	compiler *jsonschema.Compiler
	compiled map[string]*jsonschema.Schema
}

// folderLoader answers the schemas' published addresses from the folder.
type folderLoader struct{ fsys fs.FS }

func (l folderLoader) Load(url string) (any, error) {
	name, ok := strings.CutPrefix(url, schemaURL)
	if !ok {
		return nil, fmt.Errorf("load schema %s: only the standard's own schemas are available", url)
	}
	b, err := fs.ReadFile(l.fsys, name)
	if err != nil {
		return nil, fmt.Errorf("load schema %s: %w", name, err)
	}
	return jsonschema.UnmarshalJSON(bytes.NewReader(b))
}

// NewSchemas reads the schemas from fsys, a folder of NAME.json files. It
// fails if the folder lacks service.json, so a wrong folder is caught at once.
func NewSchemas(fsys fs.FS) (*Schemas, error) {
	if _, err := fs.Stat(fsys, "service.json"); err != nil {
		return nil, fmt.Errorf("open Open Referral UK schemas: %w", err)
	}
	c := jsonschema.NewCompiler()
	c.DefaultDraft(jsonschema.Draft2020)
	c.AssertFormat()
	c.UseLoader(folderLoader{fsys})
	return &Schemas{compiler: c, compiled: map[string]*jsonschema.Schema{}}, nil
}

// embedded is the directory's own copy of the schemas, read once and
// compiled schema by schema as each is first used.
var embedded = sync.OnceValue(func() *Schemas {
	s, err := NewSchemas(spec.Schemas())
	if err != nil {
		// The copy is embedded at build time and its tests check it.
		panic(err)
	}
	return s
})

// EmbeddedSchemas returns the standard's schemas as the directory carries
// them in internal/oruk/spec, so that feeds are checked with no setting. It
// returns the same Schemas every time, which is safe to share.
func EmbeddedSchemas() *Schemas { return embedded() }

func (s *Schemas) schema(name string) (*jsonschema.Schema, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if sch, ok := s.compiled[name]; ok {
		return sch, nil
	}
	sch, err := s.compiler.Compile(schemaURL + name)
	if err != nil {
		return nil, fmt.Errorf("compile schema %s: %w", name, err)
	}
	s.compiled[name] = sch
	return sch, nil
}

// Validate checks a JSON document against the schema with the given file
// name, such as "service.json", and lists every problem, in document order.
// The error is for a schema that cannot be read, not for a bad document.
func (s *Schemas) Validate(name string, doc []byte) ([]Problem, error) {
	sch, err := s.schema(name)
	if err != nil {
		return nil, err
	}
	v, err := jsonschema.UnmarshalJSON(bytes.NewReader(doc))
	if err != nil {
		return []Problem{{Where: "", Message: "not valid JSON: " + err.Error()}}, nil
	}
	err = sch.Validate(v)
	var ve *jsonschema.ValidationError
	if err == nil {
		return nil, nil
	}
	if !errors.As(err, &ve) {
		return nil, fmt.Errorf("validate against %s: %w", name, err)
	}
	var out []Problem
	seen := map[Problem]bool{}
	for _, c := range ve.Causes {
		collectProblems(c, func(p Problem) {
			if !seen[p] {
				seen[p] = true
				out = append(out, p)
			}
		})
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Where < out[j].Where })
	return out, nil
}

// collectProblems walks a validation error and its causes, adding each one
// that says what is wrong. A reference or a group of schemas only says
// "validation failed"; what failed is among its causes. The library's flat
// output is not used: where a reference has a single cause it reports the
// reference's "validation failed" in the cause's place and drops the reason,
// so a document broken in one place inside a referenced schema would pass.
func collectProblems(e *jsonschema.ValidationError, add func(Problem)) {
	alone := *e
	alone.Causes = nil
	if u := alone.BasicOutput(); u.Error != nil {
		if msg := u.Error.String(); !strings.HasPrefix(msg, "validation failed") {
			add(Problem{Where: u.InstanceLocation, Message: msg})
		}
	}
	for _, c := range e.Causes {
		collectProblems(c, add)
	}
}
