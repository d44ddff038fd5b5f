package lostresult

import (
	"context"
	"testing"
)

func TestBadLosesTheError(t *testing.T) {
	keys := Keys(9)
	s := &Store{}
	err := Bad(s, keys)
	s.WaitAttempts(int32(len(keys)))
	if failures := s.failures.Load(); failures != 3 {
		t.Fatalf("failures = %d, want 3", failures)
	}
	if err != nil {
		t.Fatalf("Bad returned %v; the demo expects the error to be lost", err)
	}
}

func TestGoodReportsTheError(t *testing.T) {
	s := &Store{}
	err := Good(context.Background(), s, Keys(9))
	if err == nil {
		t.Fatal("Good returned nil although writes failed")
	}
	if s.failures.Load() == 0 {
		t.Fatal("no write failed")
	}
}
