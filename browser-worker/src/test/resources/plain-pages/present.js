document.documentElement.dataset.present = "yes";
