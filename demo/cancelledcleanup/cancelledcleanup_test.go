package cancelledcleanup

import (
	"context"
	"errors"
	"testing"
)

func TestBadLosesTheLastBatch(t *testing.T) {
	o := Run(Bad, 20)
	if !errors.Is(o.Err, context.Canceled) {
		t.Fatalf("Bad returned %v; the demo expects its final flush to fail with context.Canceled", o.Err)
	}
	if o.Written != 16 || o.FailedFlushes != 1 {
		t.Errorf("written %d with %d failed flushes; want 16 (two full batches) and 1", o.Written, o.FailedFlushes)
	}
}

func TestGoodFlushesEverything(t *testing.T) {
	o := Run(Good, 20)
	if o.Err != nil {
		t.Fatalf("Good returned %v, want nil", o.Err)
	}
	if o.Written != 20 || o.FailedFlushes != 0 {
		t.Errorf("written %d with %d failed flushes; want 20 and 0", o.Written, o.FailedFlushes)
	}
}
