// Package wait is a stub of k8s.io/apimachinery/pkg/util/wait for the fixtures.
package wait

import (
	"context"
	"errors"
	"time"
)

// ConditionFunc reports whether a poll is done.
type ConditionFunc func() (done bool, err error)

// ConditionWithContextFunc is ConditionFunc with a context.
type ConditionWithContextFunc func(context.Context) (done bool, err error)

// ErrWaitTimeout is returned once the stop channel closes.
var ErrWaitTimeout = errors.New("timed out waiting for the condition")

// PollImmediateUntil polls until cond is done, fails or stopCh closes.
func PollImmediateUntil(interval time.Duration, cond ConditionFunc, stopCh <-chan struct{}) error {
	for {
		if ok, err := cond(); err != nil || ok {
			return err
		}
		select {
		case <-stopCh:
			return ErrWaitTimeout
		case <-time.After(interval):
		}
	}
}

// PollUntilContextCancel polls until cond is done, fails or ctx ends.
func PollUntilContextCancel(ctx context.Context, interval time.Duration, immediate bool, cond ConditionWithContextFunc) error {
	<-ctx.Done()
	return ctx.Err()
}

// PollImmediate polls until cond is done or fails, or timeout passes.
func PollImmediate(interval, timeout time.Duration, cond ConditionFunc) error {
	return ErrWaitTimeout
}
