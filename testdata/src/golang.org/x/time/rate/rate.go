// Package rate is a stub of golang.org/x/time/rate for fixtures: the API
// shape only.
package rate

import "context"

type Limit float64

type Limiter struct{ limit Limit }

func NewLimiter(r Limit, b int) *Limiter { return &Limiter{limit: r} }

func (l *Limiter) Wait(ctx context.Context) error { return nil }
