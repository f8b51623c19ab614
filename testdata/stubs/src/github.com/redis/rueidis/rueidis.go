// Package rueidis is a fake of github.com/redis/rueidis: commands are
// built with the chain of internal/cmds and sent with Do.
package rueidis

import (
	"context"

	"github.com/redis/rueidis/internal/cmds"
)

type Builder = cmds.Builder
type Completed = cmds.Completed

type RedisResult struct{}

func (r RedisResult) Error() error              { return nil }
func (r RedisResult) ToString() (string, error) { return "", nil }

func IsRedisNil(err error) bool { return false }

type Client interface {
	B() Builder
	Do(ctx context.Context, cmd Completed) (resp RedisResult)
}
