package fix

import (
	"context"
	"time"
)

func compute() int { return 1 }

func unbuffered(ctx context.Context) int {
	results := make(chan int)
	go func() { results <- compute() }() // want `make results buffered \(cap 1\)`
	select {
	case r := <-results:
		return r
	case <-ctx.Done():
		return 0
	}
}

func zeroCapacity() int {
	done := make(chan int, 0)
	go func() { done <- compute() }() // want `make done buffered \(cap 1\)`
	select {
	case v := <-done:
		return v
	case <-time.After(time.Second):
		return -1
	}
}

func loopOfThree(ctx context.Context) int {
	results := make(chan int, 1)
	for i := 0; i < 3; i++ {
		go func() { results <- i }() // want `make results buffered \(cap 3\)`
	}
	select {
	case r := <-results:
		return r
	case <-ctx.Done():
		return 0
	}
}

func firstOfTwo() int {
	c := make(chan int)
	go func() { c <- compute() }() // want `make c buffered \(cap 2\)`
	go func() { c <- compute() }() // want `make c buffered \(cap 2\)`
	return <-c
}
