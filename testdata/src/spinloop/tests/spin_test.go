package tests

import (
	"sync/atomic"
	"testing"
)

func TestSpinsInATest(t *testing.T) {
	var ready atomic.Bool
	go ready.Store(true)
	for !ready.Load() { // want `loop polls ready`
	}
}
