import { delegateStrings } from '../../shared/i18n/delegate';

/**
 * The delegate page's only script (external and deferred, see enhance-assets.ts). It keeps the list fresh with one conditional
 * request every 20–30 s (a 304 of a few hundred bytes while nothing changed), paused
 * while the page is hidden, and installs the service worker that keeps opened
 * documents for offline re-reading. Once a list is on screen it loads the badge script (SEEN_JS,
 * below), which shows "Mới" / "Đã cập nhật" for THIS device. Plain ES5 with promises: old Android WebViews
 * (Zalo, Facebook) run it. Only answers carrying X-Page-State are ours: a hall Wi-Fi's
 * captive portal answering in our place must not replace the list.
 */
export const LIVE_JS_TEMPLATE = `(function(){
var w=window,d=document,root=d.documentElement;
if(!w.fetch||!w.DOMParser)return;
var timer=0,last=Date.now(),busy=false,stopped=false;
function schedule(){clearTimeout(timer);if(!stopped)timer=setTimeout(check,20000+Math.random()*10000)}
function check(){
if(busy||stopped)return;
if(d.hidden)return;
busy=true;last=Date.now();
fetch(w.location.pathname,{headers:{'If-None-Match':'"'+(root.getAttribute('data-v')||'')+'"','X-QRHop-Refresh':'1'},cache:'no-store',credentials:'same-origin'})
.then(function(r){if(r.status===304||!r.headers.get('X-Page-State'))return null;return r.text()})
.then(function(t){if(t)swap(t)},function(){})
.then(function(){busy=false;schedule()});
}
function swap(html){
var doc=new DOMParser().parseFromString(html,'text/html'),v=doc.documentElement.getAttribute('data-v');
if(v&&v===root.getAttribute('data-v'))return;
['header','main'].forEach(function(tag){var now=d.querySelector(tag),next=doc.querySelector(tag);if(now&&next)now.parentNode.replaceChild(d.importNode(next,true),now)});
root.setAttribute('data-v',v||'');
if(doc.title)d.title=doc.title;
if(!v)stopped=true;
badges();
var say=d.getElementById('upd');
if(say){say.textContent='';setTimeout(function(){say.textContent=say.getAttribute('data-t')},100)}
}
var seen;
function badges(){if(w.qrhopMark)w.qrhopMark();else if(!seen&&d.querySelector('li[data-f]')){seen=d.createElement('script');seen.src='SEEN_JS_PATH';d.body.appendChild(seen)}}
badges();
d.addEventListener('visibilitychange',function(){if(d.hidden)return;if(Date.now()-last>10000)check();else schedule()});
w.addEventListener('online',check);
if(navigator.serviceWorker)navigator.serviceWorker.register('/s/_/sw.js',{scope:'/s/'}).catch(function(){});
schedule();
})();
`;

/**
 * "Mới" / "Đã cập nhật" for THIS device, loaded by the live script after the list is on screen
 * (not needed to show it): the page (shared by every device, cached) carries when each document
 * (data-f) and its current version (data-u) first showed, in seconds; /seen answers when this device's
 * previous visit ended (answer-seen.ts); the badge (its words by the page's lang) and the change note
 * show where those times are later. The live script calls qrhopMark again after a list swap.
 */
export const SEEN_JS = `(function(){
var w=window,d=document,since=null,words=${JSON.stringify(Object.fromEntries(Object.entries(delegateStrings).map(([lang, t]) => [lang, [t.new, t.updated]])))};
function mark(){var m=words[d.documentElement.lang]||words.vi,l=d.querySelectorAll('li[data-f]'),i,x,b,n,o,k,u,s;if(since===null)return;
for(i=0;i<l.length;i++){x=l[i];b=x.querySelector('b');n=x.querySelector('.cn');o=x.querySelector('.badge');k=x.getAttribute('data-f')*1e3>since;u=!k&&x.getAttribute('data-u')*1e3>since;
if(o)o.parentNode.removeChild(o);if(n)n.hidden=!u;
if(b&&(k||u)){s=d.createElement('span');s.className='badge';s.textContent=m[k?0:1];b.appendChild(s)}}}
w.qrhopMark=mark;
fetch(w.location.pathname+'/seen',{cache:'no-store',credentials:'same-origin'}).then(function(r){return r.ok?r.json():0}).then(function(j){if(j&&j.since>0){since=j.since;mark()}},function(){});
})();
`;
