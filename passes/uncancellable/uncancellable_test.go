package uncancellable_test

import (
	"testing"

	"github.com/asynclint/asynclint/internal/testutil"
	"github.com/asynclint/asynclint/passes/uncancellable"
	"golang.org/x/tools/go/analysis/analysistest"
)

func Test(t *testing.T) {
	analysistest.Run(t, testutil.Data(t), uncancellable.Analyzer,
		"uncancellable", "uncancellable/dep")
}

func withFlag(t *testing.T, flag string, pkgs ...string) {
	uncancellable.Analyzer.Flags.Set(flag, "true")
	defer uncancellable.Analyzer.Flags.Set(flag, "false")
	analysistest.Run(t, testutil.Data(t), uncancellable.Analyzer, pkgs...)
}

func TestChans(t *testing.T)      { withFlag(t, "chans", "uncancellable/chans") }
func TestWaits(t *testing.T)      { withFlag(t, "waits", "uncancellable/waits") }
func TestTimerDrain(t *testing.T) { withFlag(t, "timerdrain", "uncancellable/drain") }

// TestSleep runs the sleep fixtures, and the packages the rule leaves
// alone (test code, main), with -uncancellable.sleep: their only waits
// are sleeps, so without the flag they could not fail.
func TestSleep(t *testing.T) {
	withFlag(t, "sleep", "uncancellable/sleep", "uncancellable/cmd", "uncancellable/tests")
}
