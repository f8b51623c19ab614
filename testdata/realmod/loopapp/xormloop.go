package loopapp

import "xorm.io/xorm"

type Branch struct {
	ID     int64
	RepoID int64
	Name   string
}

type Repo struct {
	ID   int64
	Name string
}

// recentBranches loads the repository of the three branches pushed
// last: three queries at most, whatever the table holds.
func recentBranches(engine *xorm.Engine) {
	var branches []Branch
	engine.Desc("id").Limit(3).Find(&branches)
	for _, b := range branches {
		engine.ID(b.RepoID).Get(&Repo{})
	}
}

// branchPage loads the repository of each branch of a page of the size
// the caller asks for: a query per row.
func branchPage(engine *xorm.Engine, size int) {
	var branches []Branch
	engine.Desc("id").Limit(size).Find(&branches)
	for _, b := range branches {
		engine.ID(b.RepoID).Get(&Repo{}) // want `^engine.ID\(b.RepoID\).Get in a loop runs one query per iteration`
	}
}
