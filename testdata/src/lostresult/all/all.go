package all

import "errors"

func count() int         { return 1 }
func both() (int, error) { return 0, errors.New("x") }
func nothing()           {}

func dropsCount() {
	go count() // want `result from count is dropped by the go statement`
	go both()  // want `error from both is dropped`
	go nothing()
}
