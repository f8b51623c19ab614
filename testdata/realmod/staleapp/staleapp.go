// Package staleapp caches rows with the real go-redis, gorm, gomemcache
// and go-cache, for cachestale.
package staleapp

import (
	"context"
	"encoding/json"
	"strconv"
	"time"

	"github.com/bradfitz/gomemcache/memcache"
	redisv8 "github.com/go-redis/redis/v8"
	gocache "github.com/patrickmn/go-cache"
	"github.com/redis/go-redis/v9"
	"gorm.io/gorm"
	"xorm.io/xorm"
)

type Profile struct {
	ID  uint
	Bio string
}

type App struct {
	orm   *gorm.DB
	rdb   redis.UniversalClient
	v8    *redisv8.Client
	mc    *memcache.Client
	local *gocache.Cache
	x     *xorm.Engine
}

// Profile caches profiles under "profile:*".
func (a *App) Profile(ctx context.Context, id string) (*Profile, error) {
	var p Profile
	if data, err := a.rdb.Get(ctx, "profile:"+id).Bytes(); err == nil && json.Unmarshal(data, &p) == nil {
		return &p, nil
	}
	if err := a.orm.WithContext(ctx).First(&p, "id = ?", id).Error; err != nil {
		return nil, err
	}
	data, _ := json.Marshal(p)
	a.rdb.Set(ctx, "profile:"+id, data, 5*time.Minute)
	return &p, nil
}

func (a *App) SetBio(ctx context.Context, id, bio string) error {
	return a.orm.WithContext(ctx).Model(&Profile{}).Where("id = ?", id).Update("bio", bio).Error // want `Update changes rows of profile, which the program caches under "bio:\*" and "profile:\*", and nothing here deletes the keys afterwards`
}

func (a *App) Save(ctx context.Context, p *Profile, id string) error {
	if err := a.orm.WithContext(ctx).Save(p).Error; err != nil {
		return err
	}
	return a.rdb.Del(ctx, "profile:"+id).Err()
}

func (a *App) Forever(ctx context.Context, id string) (*Profile, error) {
	var p Profile
	if err := a.orm.WithContext(ctx).First(&p, "id = ?", id).Error; err != nil {
		return nil, err
	}
	a.v8.Set(ctx, "profile:"+id, p.Bio, 0)                                          // want `a.v8.Set caches "profile:\*", loaded from the database, with no expiry`
	a.mc.Set(&memcache.Item{Key: "bio:" + id, Value: []byte(p.Bio), Expiration: 0}) // want `a.mc.Set caches "bio:\*", loaded from the database, with no expiry`
	a.local.Set("bio:"+id, p.Bio, gocache.NoExpiration)                             // want `a.local.Set caches "bio:\*", loaded from the database, with no expiry`
	return &p, nil
}

func (a *App) XormBio(p *Profile) error {
	_, err := a.x.ID(p.ID).Cols("bio").Update(p) // want `Update changes rows of profile`
	return err
}

func (a *App) XormDelete(ctx context.Context, p *Profile, id string) error {
	if _, err := a.x.Delete(p); err != nil {
		return err
	}
	return a.rdb.Del(ctx, "profile:"+id, "bio:"+id).Err()
}

// SET without expiry, then EXPIRE in the same transaction: the key
// expires.
func (a *App) Prime(ctx context.Context, id string) error {
	var p Profile
	if err := a.orm.WithContext(ctx).First(&p, "id = ?", id).Error; err != nil {
		return err
	}
	_, err := a.rdb.TxPipelined(ctx, func(pipe redis.Pipeliner) error {
		pipe.Set(ctx, "profile:"+id, p.Bio, 0)
		pipe.Expire(ctx, "profile:"+id, time.Hour)
		return nil
	})
	return err
}

// Account invalidates its cached copy in gorm's hooks, which run after
// every Save, Update(s) and Delete of an account.
type Account struct {
	ID   uint
	Plan string
}

var hookRedis *redis.Client

func (a *Account) AfterUpdate(tx *gorm.DB) error {
	return hookRedis.Del(tx.Statement.Context, "account:"+strconv.Itoa(int(a.ID))).Err()
}

func (a *Account) AfterDelete(tx *gorm.DB) error {
	return hookRedis.Del(tx.Statement.Context, "account:"+strconv.Itoa(int(a.ID))).Err()
}

func (a *App) Account(ctx context.Context, id uint) (*Account, error) {
	var acc Account
	if err := a.orm.WithContext(ctx).First(&acc, id).Error; err != nil {
		return nil, err
	}
	data, _ := json.Marshal(acc)
	a.rdb.Set(ctx, "account:"+strconv.Itoa(int(id)), data, time.Hour)
	return &acc, nil
}

func (a *App) SavePlan(ctx context.Context, acc *Account, plan string) error {
	acc.Plan = plan
	return a.orm.WithContext(ctx).Save(acc).Error
}

func (a *App) RemoveAccount(ctx context.Context, acc *Account) error {
	return a.orm.WithContext(ctx).Delete(acc).Error
}

// UpdateColumn skips the hooks.
func (a *App) ForcePlan(ctx context.Context, acc *Account, plan string) error {
	return a.orm.WithContext(ctx).Model(acc).UpdateColumn("plan", plan).Error // want `UpdateColumn changes rows of account, which the program caches under "account:\*"`
}
