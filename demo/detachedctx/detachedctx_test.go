package detachedctx

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/asynclint/asynclint/demo/internal/showtest"
)

const hangUp = 20 * time.Millisecond

func TestBadKeepsWorkingAfterHangUp(t *testing.T) {
	o := Run(Bad, hangUp)
	if o.Err != nil {
		t.Fatalf("Bad returned %v, want nil: it never sees the cancellation", o.Err)
	}
	if o.AfterHangUp < Pages/4 || o.Lingered < 10*time.Millisecond {
		t.Fatalf("Bad read %d pages and ran %v after the hang-up; the demo expects it to keep working for most of the report", o.AfterHangUp, o.Lingered)
	}
}

func TestGoodStopsAtHangUp(t *testing.T) {
	o := Run(Good, hangUp)
	if !errors.Is(o.Err, context.Canceled) {
		t.Fatalf("Good returned %v, want context.Canceled", o.Err)
	}
	if o.AfterHangUp > 1 {
		t.Fatalf("Good read %d pages after the hang-up, want at most the one in flight", o.AfterHangUp)
	}
}

func TestShow(t *testing.T) {
	bad, good := showtest.Lines(t, Show)
	if !strings.Contains(bad, "more of") || !strings.Contains(good, "context canceled") {
		t.Errorf("Show printed %q and %q", bad, good)
	}
}
