// Package tests holds test code, reported only with -unboundedgo.tests.
package tests

func inputs() []string { return []string{"a", "b"} }
