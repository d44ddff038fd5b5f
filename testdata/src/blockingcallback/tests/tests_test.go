package tests

import "testing"

func TestServe(t *testing.T) {
	s := &stream{outc: make(chan int), in: make(chan int)}
	_ = s
}
