// Whether arguments[0] starts an HTML5 drag: draggable itself (images and links are by default).
return arguments[0].draggable === true;
