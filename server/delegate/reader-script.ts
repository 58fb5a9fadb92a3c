/**
 * The reader's only script (external, deferred; the page works without it). On a slow
 * link, lazy images are not lazy enough: Chrome fetches every image within 2,500 px of
 * the screen at once, so pages 2–5 would share the link with page 1 and all arrive late.
 * With this script, pages after the first wait until page 1 has loaded, then each one
 * loads when it comes within a screen of view. Without it (JavaScript off) the <noscript>
 * copies load as ordinary lazy images. Plain ES5 for old Android WebViews.
 */
export const READER_JS = `(function(){
var d=document,imgs=[].slice.call(d.querySelectorAll('img[data-src]'));
if(!imgs.length)return;
function show(i){var s=i.getAttribute('data-src');if(s){i.removeAttribute('data-src');i.src=s}}
if(!window.IntersectionObserver){imgs.forEach(show);return}
function start(){var io=new IntersectionObserver(function(es){es.forEach(function(e){if(e.isIntersecting){io.unobserve(e.target);show(e.target)}})},{rootMargin:'100% 0px'});imgs.forEach(function(i){io.observe(i)})}
var first=d.querySelector('.pg img[src]');
if(!first||first.complete)start();else{first.addEventListener('load',start);first.addEventListener('error',start)}
})();
`;
