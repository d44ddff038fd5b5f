package main

import (
	"fmt"
	"log"
	"slices"
	"strings"
	"time"

	"github.com/asynclint/asynclint/analyzers"
	"github.com/asynclint/asynclint/eval/internal/corpus"
	"github.com/asynclint/asynclint/internal/driver"
)

// inprocessBatch bounds how many packages one in-process load holds: the
// checker keeps every loaded package's syntax and types (dependencies
// included) in memory until the batch is done, and a whole corpus at once
// would not fit in a 24 GiB machine. Smaller batches load shared
// dependencies more often.
const inprocessBatch = 120

// analyzeInProcess analyzes src's packages with x/tools' checker, one
// module at a time and at most inprocessBatch packages at a time. A batch
// that fails (a package that does not type-check) is reported in the
// error, and the findings of the others are returned.
func analyzeInProcess(root string, src source) (driver.Tree, error) {
	var batches [][]string
	if src.name == "std" {
		batches = append(batches, src.packages)
	} else {
		for _, m := range src.modules {
			pkgs, err := corpus.Packages(root, m)
			if err != nil {
				return nil, err
			}
			for c := range slices.Chunk(pkgs, inprocessBatch) {
				batches = append(batches, c)
			}
		}
	}
	// The rules on by default and the directive checker, as the command
	// runs them without flags.
	selected, err := analyzers.Select(nil)
	if err != nil {
		return nil, err
	}
	suite := analyzers.ForRun(selected, true)
	tree := driver.Tree{}
	var errs []string
	for i, b := range batches {
		start := time.Now()
		t, err := driver.InProcess(src.dir, nil, suite, b...)
		if err != nil {
			errs = append(errs, fmt.Sprintf("batch from %s: %v", b[0], err))
			log.Printf("%s: batch %d/%d (%s, %d packages) failed", src.name, i+1, len(batches), b[0], len(b))
			continue
		}
		for id, res := range t {
			tree[id] = res
		}
		for _, f := range t.Findings() {
			log.Printf("finding: %s\t%s\t%s", f.Rule, f.Posn, f.Message)
		}
		log.Printf("%s: batch %d/%d (%s, %d packages): %d findings, %.0f s", src.name, i+1, len(batches), b[0], len(b), len(t.Findings()), time.Since(start).Seconds())
	}
	if len(errs) > 0 {
		return tree, fmt.Errorf("%s", strings.Join(errs, "\n"))
	}
	return tree, nil
}

// setRuleFlags applies -RULE.FLAG[=VALUE] arguments, as the command takes
// them, to the analyzers the in-process checker runs.
func setRuleFlags(args []string) error {
	for _, a := range args {
		name, value, hasValue := strings.Cut(strings.TrimLeft(a, "-"), "=")
		if !hasValue {
			value = "true"
		}
		rule, flag, ok := strings.Cut(name, ".")
		if !ok {
			return fmt.Errorf("rule flag %q: want -RULE.FLAG[=VALUE]", a)
		}
		r, ok := analyzers.Lookup(rule)
		if !ok {
			return fmt.Errorf("rule flag %q: no rule %s", a, rule)
		}
		if err := r.Analyzer.Flags.Set(flag, value); err != nil {
			return fmt.Errorf("rule flag %q: %v", a, err)
		}
	}
	return nil
}
