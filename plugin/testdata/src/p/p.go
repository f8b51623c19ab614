package p

func E() {} // want `^error: found E$`

func W() {} // want `^warning: found W$`

func N() {} // want `^note: found N$`
