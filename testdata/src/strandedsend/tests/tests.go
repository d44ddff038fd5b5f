// Package tests is test support: with -strandedsend.tests its stranded
// sends are reported too.
package tests

import (
	"testing"
	"time"
)

func dial() error { return nil }

func waitForDial(t *testing.T) {
	errc := make(chan error)
	go func() { errc <- dial() }() // want `send on errc may block forever: the receiver can leave on time.After\(time.Second\) first`
	select {
	case err := <-errc:
		if err != nil {
			t.Error(err)
		}
	case <-time.After(time.Second):
		t.Error("timeout")
	}
}
