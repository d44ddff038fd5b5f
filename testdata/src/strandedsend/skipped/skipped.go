// Package skipped is test support: by default strandedsend leaves it
// alone.
package skipped

import (
	"testing"
	"time"
)

func dial() error { return nil }

// ok: test code is skipped unless -strandedsend.tests is set.
func waitForDial(t *testing.T) {
	errc := make(chan error)
	go func() { errc <- dial() }()
	select {
	case <-errc:
	case <-time.After(time.Second):
		t.Error("timeout")
	}
}
