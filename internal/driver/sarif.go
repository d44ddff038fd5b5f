package driver

import (
	"encoding/json"
	"io"
	"path/filepath"
	"slices"

	"github.com/asynclint/asynclint/internal/ruledoc"
)

// WriteSARIF writes findings as a SARIF 2.1.0 log, the format code-scanning
// services take. File locations are made relative to root when inside it.
func WriteSARIF(w io.Writer, findings []Finding, root string) error {
	type region struct {
		StartLine   int `json:"startLine"`
		StartColumn int `json:"startColumn,omitempty"`
	}
	type location struct {
		PhysicalLocation struct {
			ArtifactLocation struct {
				URI string `json:"uri"`
			} `json:"artifactLocation"`
			Region region `json:"region"`
		} `json:"physicalLocation"`
	}
	type message struct {
		Text string `json:"text"`
	}
	type result struct {
		RuleID    string     `json:"ruleId"`
		Level     string     `json:"level"`
		Message   message    `json:"message"`
		Locations []location `json:"locations"`
	}
	type rule struct {
		ID      string `json:"id"`
		HelpURI string `json:"helpUri"`
	}
	var rules []rule
	results := []result{}
	for _, f := range findings {
		if !slices.ContainsFunc(rules, func(r rule) bool { return r.ID == f.Rule }) {
			rules = append(rules, rule{ID: f.Rule, HelpURI: ruledoc.URL(f.Rule)})
		}
		file, line, col := SplitPosn(f.Posn)
		if rel, err := filepath.Rel(root, file); err == nil && filepath.IsAbs(file) && !filepath.IsAbs(rel) && rel[0] != '.' {
			file = rel
		}
		var loc location
		loc.PhysicalLocation.ArtifactLocation.URI = filepath.ToSlash(file)
		loc.PhysicalLocation.Region = region{line, col}
		results = append(results, result{f.Rule, "warning", message{f.Message}, []location{loc}})
	}
	log := map[string]any{
		"version": "2.1.0",
		"$schema": "https://json.schemastore.org/sarif-2.1.0.json",
		"runs": []any{map[string]any{
			"tool": map[string]any{"driver": map[string]any{
				"name":           "asynclint",
				"informationUri": "https://github.com/asynclint/asynclint",
				"rules":          rules,
			}},
			"results": results,
		}},
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(log)
}
