package swallowedcancel

import (
	"context"
	"errors"
	"testing"
)

func TestBadKeepsCrawlingAfterCancel(t *testing.T) {
	o := Crawl(Bad, 50, 5)
	if o.Err != nil {
		t.Fatalf("Bad crawl ended with %v; the demo expects the cancellation to be swallowed", o.Err)
	}
	if o.Fetched != 5 {
		t.Errorf("fetched %d pages before the cancel, want 5", o.Fetched)
	}
	if o.CallsAfterCancel != 45 || o.EmptyStored != 45 {
		t.Errorf("after cancel: %d calls, %d empty pages stored; want 45 and 45", o.CallsAfterCancel, o.EmptyStored)
	}
}

func TestGoodStopsAtCancel(t *testing.T) {
	o := Crawl(Good, 50, 5)
	if !errors.Is(o.Err, context.Canceled) {
		t.Fatalf("Good crawl ended with %v, want context.Canceled", o.Err)
	}
	if o.Fetched != 5 || o.EmptyStored != 0 {
		t.Errorf("fetched %d, stored %d empty; want 5 and 0", o.Fetched, o.EmptyStored)
	}
	if o.CallsAfterCancel != 1 {
		t.Errorf("%d calls after cancel, want 1 (the one that reports it)", o.CallsAfterCancel)
	}
}
