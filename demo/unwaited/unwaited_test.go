package unwaited

import (
	"errors"
	"testing"
)

func TestBadWritesAfterReturn(t *testing.T) {
	keys := Keys(40)
	o := Run(Bad, keys)
	if o.Err != nil {
		t.Fatalf("Bad returned %v, want success", o.Err)
	}
	if o.Writes != int32(len(keys)) {
		t.Fatalf("writes = %d, want %d", o.Writes, len(keys))
	}
	if o.Unfinished == 0 || o.Late == 0 {
		t.Fatalf("Bad returned with %d workers unfinished and %d late writes; the demo expects the workers to outlive it", o.Unfinished, o.Late)
	}
}

func TestGoodWaits(t *testing.T) {
	keys := Keys(40)
	o := Run(Good, keys)
	if o.Err != nil {
		t.Fatalf("Good returned %v, want success", o.Err)
	}
	if o.Unfinished != 0 || o.Late != 0 {
		t.Fatalf("Good returned with %d workers unfinished and %d late writes, want 0 and 0", o.Unfinished, o.Late)
	}
	if o.Writes != int32(len(keys)) {
		t.Fatalf("writes = %d, want %d", o.Writes, len(keys))
	}
}

// TestGoodWaitsOnTheErrorPath: the deferred Wait covers the error return too.
func TestGoodWaitsOnTheErrorPath(t *testing.T) {
	keys := append(Keys(40), "")
	o := Run(Good, keys)
	if !errors.Is(o.Err, errEmptyKey) {
		t.Fatalf("Good returned %v, want the manifest error", o.Err)
	}
	if o.Unfinished != 0 || o.Late != 0 {
		t.Fatalf("Good returned with %d workers unfinished and %d late writes, want 0 and 0", o.Unfinished, o.Late)
	}
}
