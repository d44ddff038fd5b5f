// Command census runs asynclint over the standard library and the pinned
// corpus (eval/corpus), and keeps docs/evaluation/findings.tsv: one row a
// finding with its verdict. Verdicts already in the file are kept when a
// finding moves (same rule, file and message); new findings get an empty
// verdict, to be judged. It prints, per rule, the findings and how they
// were judged.
//
//	go run ./eval/census            # std and corpus, update the TSV
//	go run ./eval/census -only std  # one source
//	go run ./eval/census -check     # fail if a finding has no verdict
//	go run ./eval/census -rules swallowedcancel,cancelledcleanup  # only these; other rules' rows are kept
package main

import (
	"context"
	"flag"
	"fmt"
	"log"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"

	"github.com/asynclint/asynclint/eval/internal/corpus"
	"github.com/asynclint/asynclint/internal/driver"
)

func main() {
	log.SetFlags(0)
	log.SetPrefix("census: ")
	if err := run(); err != nil {
		log.Fatal(err)
	}
}

func run() error {
	tsvPath := flag.String("tsv", "docs/evaluation/findings.tsv", "the findings census to update")
	only := flag.String("only", "", "analyze only std or corpus")
	check := flag.Bool("check", false, "exit 1 if any finding lacks a verdict")
	ruleFlags := flag.String("flags", "", "space-separated rule flags passed to asynclint")
	onlyRules := flag.String("rules", "", "comma-separated rules to run (default: the default suite); the rows of other rules are kept")
	flag.Parse()
	toolFlags := strings.Fields(*ruleFlags)
	var rules []string
	if *onlyRules != "" {
		rules = strings.Split(*onlyRules, ",")
		for _, r := range rules {
			toolFlags = append(toolFlags, "-"+r)
		}
	}
	if *only != "" && *only != "std" && *only != "corpus" {
		return fmt.Errorf("-only takes std or corpus, not %q", *only)
	}

	root, err := os.Getwd()
	if err != nil {
		return err
	}
	tool, cleanup, err := buildTool()
	if err != nil {
		return err
	}
	defer cleanup()

	var findings []row
	for _, src := range sources(root) {
		if *only != "" && *only != src.name {
			continue
		}
		opt := driver.VetOptions{Tool: tool, Dir: src.dir, ToolFlags: toolFlags}
		tree, err := driver.Vet(context.Background(), opt, src.patterns(src.dir))
		if err != nil {
			return fmt.Errorf("%s: %v", src.name, err)
		}
		for _, f := range tree.Findings() {
			findings = append(findings, row{Rule: f.Rule, Posn: src.relative(f.Posn), Message: f.Message})
		}
		log.Printf("%s: %d findings", src.name, len(tree.Findings()))
	}

	old, err := readTSV(*tsvPath)
	if err != nil && !os.IsNotExist(err) {
		return err
	}
	merged := carryVerdicts(old, findings)
	if *only != "" || rules != nil {
		merged = keepUnanalyzed(old, merged, *only, rules)
	}
	if err := writeTSV(*tsvPath, merged); err != nil {
		return err
	}
	unjudged := printSummary(os.Stdout, merged)
	if *check && unjudged > 0 {
		return fmt.Errorf("%d findings have no verdict in %s", unjudged, *tsvPath)
	}
	return nil
}

// buildTool builds asynclint into a fresh directory (so that concurrent
// runs do not overwrite each other's binary) and returns its path.
func buildTool() (string, func(), error) {
	tmp, err := os.MkdirTemp("", "census")
	if err != nil {
		return "", nil, err
	}
	tool := filepath.Join(tmp, "asynclint")
	if out, err := exec.Command("go", "build", "-o", tool, "./cmd/asynclint").CombinedOutput(); err != nil {
		os.RemoveAll(tmp)
		return "", nil, fmt.Errorf("building asynclint: %v\n%s", err, out)
	}
	return tool, func() { os.RemoveAll(tmp) }, nil
}

// source is a set of packages to analyze and how to name their files.
type source struct {
	name     string
	dir      string
	patterns func(dir string) []string
	relative func(posn string) string
}

func sources(root string) []source {
	goroot := strings.TrimSpace(output("go", "env", "GOROOT"))
	modcache := strings.TrimSpace(output("go", "env", "GOMODCACHE"))
	version := runtime.Version()
	return []source{
		{
			name:     "std",
			dir:      root,
			patterns: func(string) []string { return []string{"std"} },
			relative: func(posn string) string {
				rel, _ := filepath.Rel(filepath.Join(goroot, "src"), posn)
				return "std@" + version + "/" + filepath.ToSlash(rel)
			},
		},
		{
			name: "corpus",
			dir:  corpus.Dir(root),
			patterns: func(string) []string {
				pkgs, err := corpus.Packages(root)
				if err != nil {
					log.Fatal(err)
				}
				return pkgs
			},
			relative: func(posn string) string {
				rel, _ := filepath.Rel(modcache, posn)
				return filepath.ToSlash(rel)
			},
		},
	}
}

func output(name string, args ...string) string {
	out, err := exec.Command(name, args...).Output()
	if err != nil {
		log.Fatalf("%s %s: %v", name, strings.Join(args, " "), err)
	}
	return string(out)
}
