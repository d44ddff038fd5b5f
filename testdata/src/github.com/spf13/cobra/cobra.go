// Package cobra is a stub of github.com/spf13/cobra for the fixtures.
package cobra

// Command is a CLI command.
type Command struct {
	Use  string
	Run  func(cmd *Command, args []string)
	RunE func(cmd *Command, args []string) error
}
