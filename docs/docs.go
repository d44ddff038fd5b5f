// Package docs holds the generated rule pages and the guides. The pages
// are rendered from each rule's doc.go; regenerate them with
//
//	go generate ./docs
package docs

//go:generate go run ./gen
