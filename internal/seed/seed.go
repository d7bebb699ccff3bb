// Package seed reads a dataset folder (CSV and YAML files) into a
// directory.Dataset. The folder's layout is documented in seeds/README.md.
package seed

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/wessex-network/directory/internal/directory"
)

// Parse reads every file of a dataset folder and returns the dataset,
// validated. It names the file and row of the first problem it meets.
func Parse(fsys fs.FS) (*directory.Dataset, error) {
	ds := &directory.Dataset{}
	steps := []struct {
		file string
		read func(io.Reader) error
	}{
		{"areas.csv", func(r io.Reader) error { return readAreas(r, ds) }},
		{"places.csv", func(r io.Reader) error { return readPlaces(r, ds) }},
		{"service_types.csv", func(r io.Reader) error { return readServiceTypes(r, ds) }},
		{"organisations.yaml", func(r io.Reader) error { return readOrganisations(r, ds) }},
		{"services.yaml", func(r io.Reader) error { return readServices(r, ds) }},
		{"coverage.csv", func(r io.Reader) error { return readCoverage(r, ds) }},
		{"indicators.csv", func(r io.Reader) error { return readIndicators(r, ds) }},
		{"indicator_values.csv", func(r io.Reader) error { return readIndicatorValues(r, ds) }},
		{"glossary.csv", func(r io.Reader) error { return readGlossary(r, ds) }},
		{"references.csv", func(r io.Reader) error { return readReferences(r, ds) }},
		{"tiles.csv", func(r io.Reader) error { return readTiles(r, ds) }},
		{"baselines.csv", func(r io.Reader) error { return readBaselines(r, ds) }},
		{"recommendations.csv", func(r io.Reader) error { return readRecommendations(r, ds) }},
	}
	for _, step := range steps {
		f, err := fsys.Open(step.file)
		if errors.Is(err, fs.ErrNotExist) {
			continue // every file is optional: a network may have no indicators
		}
		if err != nil {
			return nil, fmt.Errorf("open %s: %w", step.file, err)
		}
		err = step.read(f)
		f.Close()
		if err != nil {
			return nil, fmt.Errorf("%s: %w", step.file, err)
		}
	}
	if err := ds.Validate(); err != nil {
		return nil, err
	}
	return ds, nil
}

// readCSV reads a CSV file with a header row and calls row for each record,
// keyed by column name. It insists that the wanted columns are present.
func readCSV(r io.Reader, want []string, row func(line int, rec map[string]string) error) error {
	cr := csv.NewReader(r)
	header, err := cr.Read()
	if err != nil {
		return fmt.Errorf("read header: %w", err)
	}
	cols := map[string]int{}
	for i, h := range header {
		cols[strings.TrimSpace(h)] = i
	}
	for _, w := range want {
		if _, ok := cols[w]; !ok {
			return fmt.Errorf("header lacks column %q", w)
		}
	}
	for line := 2; ; line++ {
		fields, err := cr.Read()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return fmt.Errorf("line %d: %w", line, err)
		}
		rec := make(map[string]string, len(cols))
		for name, i := range cols {
			if i < len(fields) {
				rec[name] = strings.TrimSpace(fields[i])
			}
		}
		if err := row(line, rec); err != nil {
			return fmt.Errorf("line %d: %w", line, err)
		}
	}
}

func readAreas(r io.Reader, ds *directory.Dataset) error {
	return readCSV(r, []string{"slug", "name", "kind", "parent"}, func(_ int, rec map[string]string) error {
		ds.Areas = append(ds.Areas, directory.Area{
			Slug: rec["slug"], Name: rec["name"], ShortName: rec["short_name"], Kind: rec["kind"],
			ParentSlug: rec["parent"], CeremonialCounty: rec["ceremonial_county"], Code: rec["ons_code"], ValidFrom: rec["valid_from"],
			ValidTo: rec["valid_to"], Note: rec["note"], Succeeds: strings.Fields(rec["succeeds"]),
		})
		return nil
	})
}

func readPlaces(r io.Reader, ds *directory.Dataset) error {
	return readCSV(r, []string{"name", "kind", "area", "note", "source"}, func(_ int, rec map[string]string) error {
		ds.Places = append(ds.Places, directory.Place{
			Name: rec["name"], Kind: rec["kind"], Area: rec["area"], Note: rec["note"], Source: rec["source"],
		})
		return nil
	})
}

func readServiceTypes(r io.Reader, ds *directory.Dataset) error {
	return readCSV(r, []string{"slug", "name"}, func(_ int, rec map[string]string) error {
		ds.ServiceTypes = append(ds.ServiceTypes, directory.ServiceType{
			Slug: rec["slug"], Name: rec["name"], Description: rec["description"],
		})
		return nil
	})
}

func readCoverage(r io.Reader, ds *directory.Dataset) error {
	return readCSV(r, []string{"service_type", "area", "rating", "note", "effective_from", "source"}, func(_ int, rec map[string]string) error {
		ds.Coverage = append(ds.Coverage, directory.CoverageCell{
			ServiceType: rec["service_type"], Area: rec["area"], Rating: directory.Rating(rec["rating"]),
			Note: rec["note"], EffectiveFrom: rec["effective_from"], Source: rec["source"],
		})
		return nil
	})
}

func readIndicators(r io.Reader, ds *directory.Dataset) error {
	return readCSV(r, []string{"slug", "name", "period"}, func(_ int, rec map[string]string) error {
		ds.Indicators = append(ds.Indicators, directory.Indicator{
			Slug: rec["slug"], Name: rec["name"], Definition: rec["definition"],
			Period: rec["period"], Source: rec["source"],
		})
		return nil
	})
}

func readIndicatorValues(r io.Reader, ds *directory.Dataset) error {
	index := map[string]int{}
	for i, ind := range ds.Indicators {
		index[ind.Slug] = i
	}
	return readCSV(r, []string{"indicator", "area", "value", "note"}, func(_ int, rec map[string]string) error {
		i, ok := index[rec["indicator"]]
		if !ok {
			return fmt.Errorf("unknown indicator %q", rec["indicator"])
		}
		v := directory.IndicatorValue{Area: rec["area"], Note: rec["note"]}
		if rec["value"] != "" {
			f, err := strconv.ParseFloat(rec["value"], 64)
			if err != nil {
				return fmt.Errorf("value %q is not a number; leave it empty and explain in the note", rec["value"])
			}
			v.Value = &f
		}
		ds.Indicators[i].Values = append(ds.Indicators[i].Values, v)
		return nil
	})
}

func readGlossary(r io.Reader, ds *directory.Dataset) error {
	return readCSV(r, []string{"term", "meaning"}, func(_ int, rec map[string]string) error {
		ds.Glossary = append(ds.Glossary, directory.GlossaryTerm{Term: rec["term"], Meaning: rec["meaning"]})
		return nil
	})
}

func readBaselines(r io.Reader, ds *directory.Dataset) error {
	return readCSV(r, []string{"slug", "name", "as_of"}, func(_ int, rec map[string]string) error {
		ds.Baselines = append(ds.Baselines, directory.Baseline{Slug: rec["slug"], Name: rec["name"], AsOf: rec["as_of"], Description: rec["description"]})
		return nil
	})
}

func readRecommendations(r io.Reader, ds *directory.Dataset) error {
	return readCSV(r, []string{"slug", "name", "summary"}, func(_ int, rec map[string]string) error {
		ds.Recommendations = append(ds.Recommendations, directory.Recommendation{
			Slug: rec["slug"], Name: rec["name"], Summary: rec["summary"], Source: rec["source"],
		})
		return nil
	})
}

func readReferences(r io.Reader, ds *directory.Dataset) error {
	return readCSV(r, []string{"number", "title"}, func(_ int, rec map[string]string) error {
		n, err := strconv.Atoi(rec["number"])
		if err != nil {
			return fmt.Errorf("number %q is not a whole number", rec["number"])
		}
		ds.References = append(ds.References, directory.Reference{Number: n, Title: rec["title"], Detail: rec["detail"], URL: rec["url"]})
		return nil
	})
}

func readTiles(r io.Reader, ds *directory.Dataset) error {
	return readCSV(r, []string{"area", "column", "row"}, func(_ int, rec map[string]string) error {
		col, err := strconv.Atoi(rec["column"])
		if err != nil {
			return fmt.Errorf("column %q is not a whole number", rec["column"])
		}
		row, err := strconv.Atoi(rec["row"])
		if err != nil {
			return fmt.Errorf("row %q is not a whole number", rec["row"])
		}
		ds.Tiles = append(ds.Tiles, directory.Tile{Area: rec["area"], Column: col, Row: row})
		return nil
	})
}

// organisationFile is one organisation as organisations.yaml writes it.
type organisationFile struct {
	Slug        string `yaml:"slug"`
	Name        string `yaml:"name"`
	Kind        string `yaml:"kind"`
	Description string `yaml:"description"`
	Website     string `yaml:"website"`
	Source      string `yaml:"source"`
}

func readOrganisations(r io.Reader, ds *directory.Dataset) error {
	var orgs []organisationFile
	if err := decodeYAML(r, &orgs); err != nil {
		return err
	}
	for _, o := range orgs {
		ds.Organisations = append(ds.Organisations, directory.Organisation{
			Slug: o.Slug, Name: o.Name, Kind: o.Kind, Description: o.Description, Website: o.Website, Source: o.Source,
		})
	}
	return nil
}

// serviceFile is one service as services.yaml writes it.
type serviceFile struct {
	Slug          string   `yaml:"slug"`
	Name          string   `yaml:"name"`
	ServiceType   string   `yaml:"service_type"`
	Organisation  string   `yaml:"organisation"`
	Summary       string   `yaml:"summary"`
	Description   string   `yaml:"description"`
	Eligibility   string   `yaml:"eligibility"`
	HowToAccess   string   `yaml:"how_to_access"`
	Stages        []string `yaml:"stages"`
	Audiences     []string `yaml:"audiences"`
	Access        []string `yaml:"access"`
	Interventions []string `yaml:"interventions"`
	Areas         []struct {
		Area string `yaml:"area"`
		Note string `yaml:"note"`
	} `yaml:"areas"`
	Phone        string `yaml:"phone"`
	Email        string `yaml:"email"`
	Website      string `yaml:"website"`
	Address      string `yaml:"address"`
	OpeningHours string `yaml:"opening_hours"`
	LastReviewed string `yaml:"last_reviewed"`
	Source       string `yaml:"source"`
}

func readServices(r io.Reader, ds *directory.Dataset) error {
	var services []serviceFile
	if err := decodeYAML(r, &services); err != nil {
		return err
	}
	for _, f := range services {
		s := directory.Service{
			Slug: f.Slug, Name: f.Name, ServiceType: f.ServiceType, Summary: f.Summary,
			Description: f.Description, Eligibility: f.Eligibility, HowToAccess: f.HowToAccess,
			Interventions: f.Interventions, LastReviewed: f.LastReviewed, Source: f.Source,
			Contact: directory.Contact{Phone: f.Phone, Email: f.Email, Website: f.Website, Address: f.Address, OpeningHours: f.OpeningHours},
		}
		if f.Organisation != "" {
			s.Organisation = &directory.Organisation{Slug: f.Organisation}
		}
		for _, v := range f.Stages {
			s.Stages = append(s.Stages, directory.Stage(v))
		}
		for _, v := range f.Audiences {
			s.Audiences = append(s.Audiences, directory.Audience(v))
		}
		for _, v := range f.Access {
			s.Access = append(s.Access, directory.AccessRoute(v))
		}
		for _, a := range f.Areas {
			s.Areas = append(s.Areas, directory.ServiceArea{Area: a.Area, Note: a.Note})
		}
		ds.Services = append(ds.Services, s)
	}
	return nil
}

// decodeYAML decodes strictly, so a misspelt field is an error rather than a
// fact silently dropped.
func decodeYAML(r io.Reader, v any) error {
	dec := yaml.NewDecoder(r)
	dec.KnownFields(true)
	if err := dec.Decode(v); err != nil && err != io.EOF {
		return fmt.Errorf("decode: %w", err)
	}
	return nil
}
