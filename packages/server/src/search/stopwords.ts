/**
 * Stop words of the Snowball project for English and German, already folded (see analysis.ts).
 * Documents drop the stop words of their own language; queries drop those of either language,
 * because the language of a query is not known (see docs/adr/0007-search.md).
 */
const EN = `i me my myself we our ours ourselves you your yours yourself yourselves he him his himself she her hers
herself it its itself they them their theirs themselves what which who whom this that these those am is are was were
be been being have has had having do does did doing would should could ought a an the and but if or because as until
while of at by for with about against between into through during before after above below to from up down in out on
off over under again further then once here there when where why how all any both each few more most other some such
no nor not only own same so than too very s t d ll m re ve can will just don should now`;

const DE = `aber alle allem allen aller alles als also am an ander andere anderem anderen anderer anderes anderm andern
anderr anders auch auf aus bei bin bis bist da damit dann der den des dem die das dass derselbe derselben denselben
desselben demselben dieselbe dieselben dasselbe dazu dein deine deinem deinen deiner deines denn derer dessen dich dir
du dies diese diesem diesen dieser dieses doch dort durch ein eine einem einen einer eines einig einige einigem einigen
einiger einiges einmal er ihn ihm es etwas euer eure eurem euren eurer eures fur gegen gewesen hab habe haben hat hatte
hatten hier hin hinter ich mich mir ihr ihre ihrem ihren ihrer ihres euch im in indem ins ist jede jedem jeden jeder
jedes jene jenem jenen jener jenes jetzt kann kein keine keinem keinen keiner keines konnen konnte machen man manche
manchem manchen mancher manches mein meine meinem meinen meiner meines mit muss musste nach nicht nichts noch nun nur
ob oder ohne sehr sein seine seinem seinen seiner seines selbst sich sie ihnen sind so solche solchem solchen solcher
solches soll sollte sondern sonst uber um und uns unsere unserem unseren unser unseres unter viel vom von vor wahrend
war waren warst was weg weil weiter welche welchem welchen welcher welches wenn werde werden wie wieder will wir wird
wirst wo wollen wollte wurde wurden zu zum zur zwar zwischen`;

const set = (s: string) => new Set(s.split(/\s+/).filter(Boolean));
export const STOP_WORDS = { en: set(EN), de: set(DE) } as const;

/** Words that mark a language without being common in the other: used to guess an item's language. */
export const MARKERS = {
  en: set('the and is are was were of to with that this it we you they have has not for from be on at by'),
  de: set('der die das und ist sind nicht mit fur auf ein eine ich wir sie es auch dass zu den dem des bei wird'),
} as const;
