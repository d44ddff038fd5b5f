package immortalgo_test

import (
	"bufio"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/asynclint/asynclint/internal/testutil"
	"github.com/asynclint/asynclint/passes/immortalgo"
	"golang.org/x/tools/go/analysis/analysistest"
)

// Test runs the default: only loops that miss their stop are reported.
func Test(t *testing.T) {
	analysistest.Run(t, testutil.Data(t), immortalgo.Analyzer, "immortalgo/narrow")
}

// TestNoExit runs the rule's machinery (facts, owners, lifetimes, exits)
// with -immortalgo.noexit, which reports every loop with no exit.
func TestNoExit(t *testing.T) {
	set(t, "noexit", "true")
	analysistest.Run(t, testutil.Data(t), immortalgo.Analyzer, "immortalgo", "immortalgo/dep", "immortalgo/cmd", "immortalgo/tests")
}

// TestNoExitRestores checks that every go statement of immortalgo/narrow
// marked "ok: needs -immortalgo.noexit" is reported with the flag, so
// that those negatives of the default run cannot pass vacuously, and
// that the flag adds nothing else.
func TestNoExitRestores(t *testing.T) {
	set(t, "noexit", "true")
	dir := filepath.Join(testutil.Data(t), "src", "immortalgo", "narrow")
	need := map[string]bool{} // file:line of the go statements the flag must report
	want := map[string]bool{} // file:line of the default run's findings
	files, _ := filepath.Glob(filepath.Join(dir, "*.go"))
	for _, name := range files {
		f, err := os.Open(name)
		if err != nil {
			t.Fatal(err)
		}
		sc := bufio.NewScanner(f)
		for line := 1; sc.Scan(); line++ {
			key := filepath.Base(name) + ":" + strconv.Itoa(line)
			switch text := sc.Text(); {
			case strings.Contains(text, "// ok: needs -immortalgo.noexit"):
				need[key] = true
			case strings.Contains(text, "// want `"):
				want[key] = true
			}
		}
		if err := sc.Err(); err != nil {
			t.Fatal(err)
		}
		if err := f.Close(); err != nil {
			t.Fatal(err)
		}
	}
	if len(need) == 0 {
		t.Fatal("no negatives marked as needing -immortalgo.noexit")
	}
	results := analysistest.Run(&quiet{T: t}, testutil.Data(t), immortalgo.Analyzer, "immortalgo/narrow")
	if len(results) == 0 {
		t.Fatal("no results")
	}
	for _, r := range results {
		for _, d := range r.Diagnostics {
			posn := r.Pass.Fset.Position(d.Pos)
			key := filepath.Base(posn.Filename) + ":" + strconv.Itoa(posn.Line)
			switch {
			case need[key]:
				delete(need, key)
			case !want[key]:
				t.Errorf("%v: reported with -immortalgo.noexit but marked neither want nor needs the flag: %s", posn, d.Message)
			}
		}
	}
	for key := range need {
		t.Errorf("%s: marked as needing -immortalgo.noexit, but not reported with it", key)
	}
}

func set(t *testing.T, flag, value string) {
	t.Helper()
	old := immortalgo.Analyzer.Flags.Lookup(flag).Value.String()
	if err := immortalgo.Analyzer.Flags.Set(flag, value); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { immortalgo.Analyzer.Flags.Set(flag, old) })
}

// quiet is a testing.T whose Errorf is dropped: the default run's
// expectations do not hold under the flag, and TestNoExitRestores checks
// the diagnostics itself.
type quiet struct {
	*testing.T
}

func (q *quiet) Errorf(format string, args ...any) {}
