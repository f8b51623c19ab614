// Package cmds is a fake of rueidis's command builder.
package cmds

import "time"

type Completed struct{}

type Builder struct{}

func (b Builder) Get() (c Get)       { return }
func (b Builder) Set() (c Set)       { return }
func (b Builder) Setex() (c Setex)   { return }
func (b Builder) Del() (c Del)       { return }
func (b Builder) Expire() (c Expire) { return }

type Get struct{}
type GetKey struct{}

func (c Get) Key(key string) GetKey { return GetKey{} }
func (c GetKey) Build() Completed   { return Completed{} }

type Set struct{}
type SetKey struct{}
type SetValue struct{}
type SetConditionNx struct{}
type SetExpirationExSecTyped struct{}
type SetExpirationExSeconds struct{}

func (c Set) Key(key string) SetKey          { return SetKey{} }
func (c SetKey) Value(value string) SetValue { return SetValue{} }
func (c SetValue) Nx() SetConditionNx        { return SetConditionNx{} }
func (c SetValue) Ex(duration time.Duration) SetExpirationExSecTyped {
	return SetExpirationExSecTyped{}
}
func (c SetValue) ExSeconds(seconds int64) SetExpirationExSeconds { return SetExpirationExSeconds{} }
func (c SetValue) Build() Completed                               { return Completed{} }
func (c SetConditionNx) Ex(duration time.Duration) SetExpirationExSecTyped {
	return SetExpirationExSecTyped{}
}
func (c SetExpirationExSecTyped) Build() Completed { return Completed{} }
func (c SetExpirationExSeconds) Build() Completed  { return Completed{} }

type Setex struct{}
type SetexKey struct{}
type SetexSeconds struct{}
type SetexValue struct{}

func (c Setex) Key(key string) SetexKey               { return SetexKey{} }
func (c SetexKey) Seconds(seconds int64) SetexSeconds { return SetexSeconds{} }
func (c SetexSeconds) Value(value string) SetexValue  { return SetexValue{} }
func (c SetexValue) Build() Completed                 { return Completed{} }

type Del struct{}
type DelKey struct{}

func (c Del) Key(key ...string) DelKey { return DelKey{} }
func (c DelKey) Build() Completed      { return Completed{} }

type Expire struct{}
type ExpireKey struct{}
type ExpireSeconds struct{}

func (c Expire) Key(key string) ExpireKey               { return ExpireKey{} }
func (c ExpireKey) Seconds(seconds int64) ExpireSeconds { return ExpireSeconds{} }
func (c ExpireSeconds) Build() Completed                { return Completed{} }
