package uncancellable

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/asynclint/asynclint/demo/internal/showtest"
)

func TestBadStaysBlockedAfterCancel(t *testing.T) {
	o := Run(Bad, 10, 200*time.Millisecond)
	if o.Returned {
		t.Fatalf("Bad returned %v %v after the cancel; the demo expects it blocked on its send", o.Err, o.Took)
	}
}

func TestGoodReturnsOnCancel(t *testing.T) {
	o := Run(Good, 10, 5*time.Second)
	if !o.Returned || !errors.Is(o.Err, context.Canceled) {
		t.Fatalf("Good returned=%v err=%v, want context.Canceled", o.Returned, o.Err)
	}
	if o.Took > time.Second {
		t.Fatalf("Good took %v to return after the cancel", o.Took)
	}
}

func TestShow(t *testing.T) {
	bad, good := showtest.Lines(t, Show)
	if !strings.Contains(bad, "still blocked") || !strings.Contains(good, "context canceled") {
		t.Errorf("Show printed %q and %q", bad, good)
	}
}
