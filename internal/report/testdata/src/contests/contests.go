package contests

func Enter() {} // want `flush Enter` `node Enter`
