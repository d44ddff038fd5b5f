// Package tests is test code: not reported.
package tests

import (
	"context"
	"testing"
	"time"
)

func helper(t *testing.T, ctx context.Context) {
	time.Sleep(time.Minute)
}

func TestSleep(t *testing.T) {
	time.Sleep(time.Minute)
}
