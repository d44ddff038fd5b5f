package tests

import (
	"testing"
	"time"
)

// ok: XTestManualSoak is switched off by its name; go test never runs it,
// and nothing calls it (go-ethereum's XTestDelivery).
func XTestManualSoak(t *testing.T) {
	go func() {
		for {
			time.Sleep(10 * time.Millisecond)
			poll()
		}
	}()
}

// soakHelper has the shape of a switched-off test, but a test calls it,
// so its goroutine does run.
func soakHelper(t *testing.T) {
	go func() { // want `goroutine can never stop: its loop has no exit`
		for {
			time.Sleep(10 * time.Millisecond)
			poll()
		}
	}()
}

func TestSoak(t *testing.T) { soakHelper(t) }
