package driver

import (
	"encoding/json"
	"io"
	"net/url"
	"path/filepath"
	"slices"
	"strings"

	"github.com/asynclint/asynclint/internal/ruledoc"
	"golang.org/x/tools/go/analysis"
)

// SARIFOptions says what a SARIF log describes besides the findings.
type SARIFOptions struct {
	Root     string               // files inside Root are written relative to it (%SRCROOT%)
	Rules    []*analysis.Analyzer // the analyzers of the run, described in the log's rule list
	Version  string               // the tool's version, if known
	Problems []string             // errors of the run; any makes the run unsuccessful
}

// SARIF 2.1.0 objects, as far as asynclint fills them in. Field names
// follow the OASIS schema (sarif-schema-2.1.0.json).
type (
	sarifLog struct {
		Schema  string     `json:"$schema"`
		Version string     `json:"version"`
		Runs    []sarifRun `json:"runs"`
	}
	sarifRun struct {
		Tool               sarifTool                `json:"tool"`
		Invocations        []sarifInvocation        `json:"invocations"`
		OriginalURIBaseIDs map[string]sarifArtifact `json:"originalUriBaseIds,omitempty"`
		Results            []sarifResult            `json:"results"`
	}
	sarifTool struct {
		Driver sarifDriver `json:"driver"`
	}
	sarifDriver struct {
		Name           string      `json:"name"`
		InformationURI string      `json:"informationUri"`
		Version        string      `json:"version,omitempty"`
		Rules          []sarifRule `json:"rules"`
	}
	sarifRule struct {
		ID                   string       `json:"id"`
		Name                 string       `json:"name,omitempty"`
		ShortDescription     *sarifText   `json:"shortDescription,omitempty"`
		FullDescription      *sarifText   `json:"fullDescription,omitempty"`
		HelpURI              string       `json:"helpUri,omitempty"`
		DefaultConfiguration sarifRuleCfg `json:"defaultConfiguration"`
	}
	sarifRuleCfg struct {
		Level string `json:"level"`
	}
	sarifText struct {
		Text string `json:"text"`
	}
	sarifInvocation struct {
		ExecutionSuccessful bool                `json:"executionSuccessful"`
		Notifications       []sarifNotification `json:"toolExecutionNotifications,omitempty"`
	}
	sarifNotification struct {
		Level   string    `json:"level"`
		Message sarifText `json:"message"`
	}
	sarifArtifact struct {
		URI       string `json:"uri"`
		URIBaseID string `json:"uriBaseId,omitempty"`
	}
	sarifResult struct {
		RuleID           string          `json:"ruleId"`
		RuleIndex        int             `json:"ruleIndex"`
		Level            string          `json:"level"`
		Message          sarifText       `json:"message"`
		Locations        []sarifLocation `json:"locations"`
		RelatedLocations []sarifLocation `json:"relatedLocations,omitempty"`
	}
	sarifLocation struct {
		ID               *int          `json:"id,omitempty"`
		PhysicalLocation sarifPhysical `json:"physicalLocation"`
		Message          *sarifText    `json:"message,omitempty"`
	}
	sarifPhysical struct {
		ArtifactLocation sarifArtifact `json:"artifactLocation"`
		Region           sarifRegion   `json:"region"`
	}
	sarifRegion struct {
		StartLine   int `json:"startLine"`
		StartColumn int `json:"startColumn,omitempty"`
		EndLine     int `json:"endLine,omitempty"`
		EndColumn   int `json:"endColumn,omitempty"`
	}
)

// WriteSARIF writes findings as a SARIF 2.1.0 log, the format
// code-scanning services take. Every analyzer of the run is described in
// the rule list with its summary and documentation address, related
// positions become related locations, and the run's problems become
// error notifications of an unsuccessful invocation. Columns are Go's:
// bytes, not the UTF-16 units SARIF counts by default, which differ only
// after non-ASCII text on the same line.
func WriteSARIF(w io.Writer, findings []Finding, opt SARIFOptions) error {
	var rules []sarifRule
	for _, a := range opt.Rules {
		r := sarifRule{
			ID:                   a.Name,
			Name:                 a.Name,
			ShortDescription:     &sarifText{ruledoc.Title(a.Name, a.Doc)},
			HelpURI:              a.URL,
			DefaultConfiguration: sarifRuleCfg{"warning"},
		}
		if _, body, _ := strings.Cut(a.Doc, "\n"); strings.TrimSpace(body) != "" {
			r.FullDescription = &sarifText{strings.TrimSpace(body)}
		}
		rules = append(rules, r)
	}
	results := []sarifResult{}
	for _, f := range findings {
		i := slices.IndexFunc(rules, func(r sarifRule) bool { return r.ID == f.Rule })
		if i < 0 { // a rule the caller did not describe; name it at least
			i = len(rules)
			rules = append(rules, sarifRule{ID: f.Rule, DefaultConfiguration: sarifRuleCfg{"warning"}})
		}
		res := sarifResult{
			RuleID:    f.Rule,
			RuleIndex: i,
			Level:     "warning",
			Message:   sarifText{f.Message},
			Locations: []sarifLocation{location(f.Posn, f.End, opt.Root)},
		}
		for j, r := range f.Related {
			loc := location(r.Posn, r.End, opt.Root)
			loc.ID = &j
			loc.Message = &sarifText{r.Message}
			res.RelatedLocations = append(res.RelatedLocations, loc)
		}
		results = append(results, res)
	}
	inv := sarifInvocation{ExecutionSuccessful: len(opt.Problems) == 0}
	for _, p := range opt.Problems {
		inv.Notifications = append(inv.Notifications, sarifNotification{"error", sarifText{p}})
	}
	run := sarifRun{
		Tool: sarifTool{sarifDriver{
			Name:           "asynclint",
			InformationURI: "https://github.com/asynclint/asynclint",
			Version:        opt.Version,
			Rules:          rules,
		}},
		Invocations: []sarifInvocation{inv},
		Results:     results,
	}
	if opt.Root != "" && filepath.IsAbs(opt.Root) {
		u := url.URL{Scheme: "file", Path: filepath.ToSlash(opt.Root)}
		if !strings.HasSuffix(u.Path, "/") {
			u.Path += "/"
		}
		run.OriginalURIBaseIDs = map[string]sarifArtifact{"%SRCROOT%": {URI: u.String()}}
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(sarifLog{
		Schema:  "https://json.schemastore.org/sarif-2.1.0.json",
		Version: "2.1.0",
		Runs:    []sarifRun{run},
	})
}

// location returns the SARIF location of posn (and end, if set): relative
// to %SRCROOT% when the file is inside root, an absolute file URI otherwise.
func location(posn, end, root string) sarifLocation {
	file, line, col := SplitPosn(posn)
	var loc sarifLocation
	art := &loc.PhysicalLocation.ArtifactLocation
	if rel, err := filepath.Rel(root, file); err == nil && root != "" && filepath.IsAbs(file) && filepath.IsLocal(rel) {
		art.URI = (&url.URL{Path: filepath.ToSlash(rel)}).String()
		art.URIBaseID = "%SRCROOT%"
	} else if filepath.IsAbs(file) {
		art.URI = (&url.URL{Scheme: "file", Path: filepath.ToSlash(file)}).String()
	} else {
		art.URI = (&url.URL{Path: filepath.ToSlash(file)}).String()
	}
	reg := sarifRegion{StartLine: max(line, 1), StartColumn: col}
	if end != "" {
		if efile, eline, ecol := SplitPosn(end); efile == file && eline >= line && ecol > 0 {
			reg.EndLine, reg.EndColumn = eline, ecol
		}
	}
	loc.PhysicalLocation.Region = reg
	return loc
}
