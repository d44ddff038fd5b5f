// Package driver runs the suite over packages and collects what it finds.
// The command, the demo checks and the evaluation scripts share it.
//
// Two engines produce the same [Tree]: [Vet] drives go vet -vettool with
// the asynclint executable (separate analysis, facts and results cached by
// the go command; what the command uses), and [InProcess] loads packages
// with go/packages and runs x/tools' checker in this process (what tests
// use to compare against the vet route).
package driver

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"maps"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
)

// Tree is the JSON tree x/tools' drivers print with -json: package ID to
// analyzer name to either a list of diagnostics or an error.
type Tree map[string]map[string]Result

// Result is one analyzer's outcome on one package.
type Result struct {
	Diagnostics []Diagnostic
	Err         string
}

// Diagnostic mirrors x/tools' JSON diagnostic.
type Diagnostic struct {
	Category       string        `json:"category,omitempty"`
	Posn           string        `json:"posn"`
	End            string        `json:"end"`
	Message        string        `json:"message"`
	SuggestedFixes []Fix         `json:"suggested_fixes,omitempty"`
	Related        []RelatedInfo `json:"related,omitempty"`
}

// Fix mirrors x/tools' JSON suggested fix.
type Fix struct {
	Message string `json:"message"`
	Edits   []Edit `json:"edits"`
}

// Edit mirrors x/tools' JSON text edit (byte offsets).
type Edit struct {
	Filename string `json:"filename"`
	Start    int    `json:"start"`
	End      int    `json:"end"`
	New      string `json:"new"`
}

// RelatedInfo mirrors x/tools' JSON related information.
type RelatedInfo struct {
	Posn    string `json:"posn"`
	End     string `json:"end"`
	Message string `json:"message"`
}

func (r Result) MarshalJSON() ([]byte, error) {
	if r.Err != "" {
		return json.Marshal(struct {
			Err string `json:"error"`
		}{r.Err})
	}
	return json.Marshal(r.Diagnostics)
}

func (r *Result) UnmarshalJSON(b []byte) error {
	if t := bytes.TrimSpace(b); len(t) > 0 && t[0] == '{' {
		var e struct {
			Err string `json:"error"`
		}
		err := json.Unmarshal(b, &e)
		r.Err = e.Err
		return err
	}
	return json.Unmarshal(b, &r.Diagnostics)
}

// Decode reads a stream of concatenated JSON trees, as go vet -json
// writes one per package, and merges them.
func Decode(r io.Reader) (Tree, error) {
	tree := Tree{}
	dec := json.NewDecoder(r)
	for {
		var t Tree
		err := dec.Decode(&t)
		if err == io.EOF {
			return tree, nil
		}
		if err != nil {
			return nil, fmt.Errorf("reading analysis results: %v", err)
		}
		tree.Merge(t)
	}
}

// Merge adds other's results to t.
func (t Tree) Merge(other Tree) {
	for id, byRule := range other {
		if t[id] == nil {
			t[id] = map[string]Result{}
		}
		maps.Copy(t[id], byRule)
	}
}

// Print writes t as x/tools' drivers do: indented with tabs, keys sorted.
func (t Tree) Print(w io.Writer) error {
	b, err := json.MarshalIndent(t, "", "\t")
	if err != nil {
		return err
	}
	_, err = fmt.Fprintf(w, "%s\n", b)
	return err
}

// Finding is a diagnostic with the rule and package that produced it.
type Finding struct {
	Package string
	Rule    string
	Diagnostic
}

// Findings returns t's diagnostics sorted by position, then rule and
// message, with duplicates (the same finding in a package and in its test
// variant) removed.
func (t Tree) Findings() []Finding {
	var out []Finding
	seen := map[[3]string]bool{}
	for _, id := range slices.Sorted(maps.Keys(t)) {
		for _, rule := range slices.Sorted(maps.Keys(t[id])) {
			for _, d := range t[id][rule].Diagnostics {
				k := [3]string{d.Posn, rule, d.Message}
				if seen[k] {
					continue
				}
				seen[k] = true
				out = append(out, Finding{Package: id, Rule: rule, Diagnostic: d})
			}
		}
	}
	slices.SortStableFunc(out, func(a, b Finding) int {
		if c := comparePosn(a.Posn, b.Posn); c != 0 {
			return c
		}
		if c := strings.Compare(a.Rule, b.Rule); c != 0 {
			return c
		}
		return strings.Compare(a.Message, b.Message)
	})
	return out
}

// Errors returns the analysis errors in t as "package: rule: error".
func (t Tree) Errors() []string {
	var out []string
	for _, id := range slices.Sorted(maps.Keys(t)) {
		for _, rule := range slices.Sorted(maps.Keys(t[id])) {
			if e := t[id][rule].Err; e != "" {
				out = append(out, fmt.Sprintf("%s: %s: %s", id, rule, e))
			}
		}
	}
	return out
}

// Filter keeps only the diagnostics for which keep returns true, dropping
// entries left empty.
func (t Tree) Filter(keep func(rule string, d Diagnostic) bool) {
	for id, byRule := range t {
		for rule, res := range byRule {
			if res.Err != "" {
				continue
			}
			res.Diagnostics = slices.DeleteFunc(res.Diagnostics, func(d Diagnostic) bool { return !keep(rule, d) })
			if len(res.Diagnostics) == 0 {
				delete(byRule, rule)
			} else {
				byRule[rule] = res
			}
		}
		if len(byRule) == 0 {
			delete(t, id)
		}
	}
}

// SplitPosn splits "file:line:col" into its parts.
func SplitPosn(posn string) (file string, line, col int) {
	file = posn
	if i := strings.LastIndexByte(file, ':'); i >= 0 {
		col, _ = strconv.Atoi(file[i+1:])
		file = file[:i]
	}
	if i := strings.LastIndexByte(file, ':'); i >= 0 {
		line, _ = strconv.Atoi(file[i+1:])
		file = file[:i]
	}
	return file, line, col
}

func comparePosn(a, b string) int {
	fa, la, ca := SplitPosn(a)
	fb, lb, cb := SplitPosn(b)
	if c := strings.Compare(fa, fb); c != 0 {
		return c
	}
	if la != lb {
		return la - lb
	}
	return ca - cb
}

// Relative rewrites posn's file relative to dir when it lies inside it.
func Relative(posn, dir string) string {
	file, line, col := SplitPosn(posn)
	if rel, err := filepath.Rel(dir, file); err == nil && !strings.HasPrefix(rel, "..") && filepath.IsAbs(file) {
		file = rel
	}
	return fmt.Sprintf("%s:%d:%d", file, line, col)
}
